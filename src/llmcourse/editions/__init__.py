"""Course editions: the identity registry on disk, storing a new edition, and switching."""
