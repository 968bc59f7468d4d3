"""Painwise: a self-hostable program for people with chronic low back pain."""

__version__ = "0.1.0"
