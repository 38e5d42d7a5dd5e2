"""Analysis over linked events: daily conflict-cooperation series and escalation alerts.

    series.py   daily_series: a dyad's PLOVER scores per day, weighted by mentions
    alerts.py   escalation_alerts: departures from the dyad's own baseline, volume-normalised
"""

from .alerts import Alert, conflict_intensity, escalation_alerts
from .series import DayScore, daily_series

__all__ = ["Alert", "DayScore", "conflict_intensity", "daily_series", "escalation_alerts"]
