"""Session scripts bundled with ect-tui: one TOML file per meeting plan."""
