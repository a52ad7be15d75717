"""llmcourse: a terminal companion for Maxime Labonne's LLM Course."""

__version__ = "0.1.0"
