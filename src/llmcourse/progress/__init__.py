"""The learner's progress: marks, notes and history, kept in one TOML file."""
