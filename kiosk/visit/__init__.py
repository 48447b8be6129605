"""The visit: the screens a patient moves through and the small state machine that moves them. No Qt."""
