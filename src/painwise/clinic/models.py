# The clinician's pages keep no tables of their own: alerts live in painwise.alerts.
