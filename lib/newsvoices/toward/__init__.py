"""Tone toward an actor: how a sentence speaks of the person or group at a mention.

A small linear model trained on NewsMTSC (real news sentences, the polarity a reader sees toward
a target, annotated by hand); its features read the words that govern and modify the mention, its
role (agent or patient of an evaluative verb), negation, the sentence's VADER and TextBlob scores
with names masked, and static word vectors (:mod:`.features`). Weights ship in
``newsvoices/data``; ``training/tone/`` rebuilds them, byte for byte.

Example:
    >>> from newsvoices.toward import target_tone
    >>> target_tone("The minister praised Kono for his patience.", 21, 25) > 0
    True
"""

from .model import CLASSES, ToneModel, load_model, mention_tone, target_tone, target_tone_proba

__all__ = ["CLASSES", "ToneModel", "load_model", "mention_tone", "target_tone", "target_tone_proba"]
