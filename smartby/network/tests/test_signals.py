"""Merging taxonomy terms keeps what people declared: their profile's areas and technologies
move to the kept term."""

import pytest

from smartby.network.models import PeerProfile
from smartby.registry import taxonomy
from smartby.registry.models import Area, Technology

pytestmark = pytest.mark.django_db


def test_profiles_follow_merged_technologies_and_areas(coordinator, editor_a, editor_b):
    lora, iot = Technology.objects.get(name="LoRaWAN"), Technology.objects.get(name="IoT-sensorer")
    supply, env = Area.objects.get(name="Forsyning"), Area.objects.get(name="Teknik og miljø")
    only_dup = PeerProfile.objects.create(user=editor_a, visible=True)
    only_dup.technologies.add(lora)
    only_dup.areas.add(supply)
    both = PeerProfile.objects.create(user=editor_b, visible=True)
    both.technologies.add(lora, iot)

    taxonomy.merge_terms(coordinator, iot, lora)
    taxonomy.merge_terms(coordinator, env, supply)

    assert list(only_dup.technologies.all()) == [iot] and list(only_dup.areas.all()) == [env]
    assert list(both.technologies.all()) == [iot]  # one link, not two
