from outcomes.models.instruments import Instrument, Item, ScoringRule
from outcomes.models.measurements import Measurement, MeasurementEvent

__all__ = ["Instrument", "Item", "Measurement", "MeasurementEvent", "ScoringRule"]
