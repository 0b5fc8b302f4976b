"""Who may act on proposals and for which seat (the only place decisions refuses)."""
