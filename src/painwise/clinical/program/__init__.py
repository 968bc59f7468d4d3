"""The personal plan and the graded-activity (pacing) engine."""
