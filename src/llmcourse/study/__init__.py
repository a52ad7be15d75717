"""The study loop: cards, spaced review (FSRS, replayed from review logs) and a study plan."""
