"""ui/theme."""
