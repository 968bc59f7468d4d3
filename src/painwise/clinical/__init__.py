"""The clinical core: pure Python, no Django, no I/O, no settings.

Plain data in, plain data (with reasons) out. Time and randomness are parameters. The Django
apps, the API and the CLI translate at the edge. tests/test_core_purity.py enforces the rule.
"""
