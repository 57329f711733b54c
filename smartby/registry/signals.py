"""Signals the registry sends for other apps to follow its changes."""

from django.dispatch import Signal

# Sent by registry.taxonomy.merge_terms inside its transaction, before the duplicate is deleted,
# with `keep` and `duplicate` (two Areas or two Technologies): apps that point at terms (peer
# profiles, subscriptions) move their links to `keep` instead of losing them with the duplicate.
term_merged = Signal()
