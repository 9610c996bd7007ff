"""Checks that keep every figure and notebook within the course's rules."""
