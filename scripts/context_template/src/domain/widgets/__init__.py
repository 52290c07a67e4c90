"""Widgets: TODO say in one sentence what this context is about, in the team's words."""
