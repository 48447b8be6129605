"""ui/layers."""
