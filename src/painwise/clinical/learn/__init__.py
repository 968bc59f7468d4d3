"""Learning and pain reprocessing: lessons (content checked when loaded, ordered by the plan),
somatic tracking summaries, the fear ladder of graded exposure."""
