"""Earnings history charts (pyqtgraph): each a ``ChartView`` fed by ``storage.series*``."""
