"""Tracking: daily figures, the three signals against baseline, alerts, personal patterns."""
