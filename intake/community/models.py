"""The community of incoming interns: a moderated board (decision 0017)."""
