"""Merging taxonomy terms keeps subscriptions: followers of the merged-away term follow the kept
one, and someone who followed both keeps one subscription."""

import pytest

from smartby.registry import taxonomy
from smartby.registry.models import Technology
from smartby.subscriptions.models import Subscriber, Subscription

pytestmark = pytest.mark.django_db


def test_subscriptions_follow_a_merged_term(coordinator):
    lora, iot = Technology.objects.get(name="LoRaWAN"), Technology.objects.get(name="IoT-sensorer")
    one = Subscriber.objects.create(email="en@example.org")
    two = Subscriber.objects.create(email="to@example.org")
    Subscription.objects.create(subscriber=one, kind="technology", technology=lora)
    Subscription.objects.create(subscriber=two, kind="technology", technology=lora)
    Subscription.objects.create(subscriber=two, kind="technology", technology=iot)

    taxonomy.merge_terms(coordinator, iot, lora)

    assert list(one.subscriptions.values_list("technology", flat=True)) == [iot.pk]
    assert list(two.subscriptions.values_list("technology", flat=True)) == [iot.pk]
