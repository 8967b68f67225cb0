"""The phrases the analysis writes: `data.phrases`, shared with the file reader (this name is kept for older imports
and for phrases pickled under it)."""

from data.phrases import ENGLISH as ENGLISH
from data.phrases import N_ as N_
from data.phrases import Day as Day
from data.phrases import English as English
from data.phrases import Num as Num
from data.phrases import Phrase as Phrase
from data.phrases import Share as Share
from data.phrases import Sig as Sig
from data.phrases import Speaker as Speaker
from data.phrases import Word as Word
from data.phrases import _rebuild as _rebuild
from data.phrases import counted as counted
from data.phrases import joined as joined
from data.phrases import say as say
from data.phrases import speak_in as speak_in

__all__ = ["ENGLISH", "N_", "Day", "English", "Num", "Phrase", "Share", "Sig", "Speaker", "Word", "counted", "joined", "say", "speak_in"]
