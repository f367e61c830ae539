"""The benchmark suite (issue 7): ``python -m bench`` prints one table of ratios P1..P6.

Every figure is measured beside its anchor in the same run (the machine is
shared and noisy, so only ratios mean anything); see :mod:`bench.run`.
"""
