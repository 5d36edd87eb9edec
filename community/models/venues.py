"""Community venues where activities happen, with what makes them accessible."""

from __future__ import annotations

import uuid

from django.db import models

from community.reference.postcode_districts import district_of_postcode, outward_code


class Venue(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    address_1 = models.CharField("Address line 1", max_length=200)
    address_2 = models.CharField("Address line 2", max_length=200, blank=True)
    city = models.CharField("Town or city", max_length=100, default="Birmingham")
    postcode = models.CharField(max_length=8)
    area = models.CharField("Area of the city", max_length=100, blank=True)
    step_free_access = models.BooleanField("Step-free access", default=False)
    accessible_toilet = models.BooleanField(default=False)
    hearing_loop = models.BooleanField(default=False)
    quiet_room = models.BooleanField(default=False)
    public_transport = models.TextField("Public transport", blank=True)
    directions = models.TextField("How to find it", blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    # The postcode's district ("B13"), kept by the database as the postcode changes: "near a
    # postcode" reads it for each venue it places at its district's centre, and orders by the
    # district's distance (community.nearby). Computed for each row each time, it was most of
    # that page's query (a dozen string functions a row) and of building it (a large expression).
    postcode_district = models.GeneratedField(
        expression=district_of_postcode("postcode"), output_field=models.CharField(max_length=8), db_persist=True
    )

    class Meta:
        ordering = ["name"]
        # "Near a postcode" finds venues with coordinates by a box on them, and the others by
        # their postcode's district (community.nearby).
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="venue_place"),
            models.Index(fields=["postcode_district"], name="venue_district"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def district(self) -> str:
        return outward_code(self.postcode)

    @property
    def address_lines(self) -> list[str]:
        return [line for line in (self.address_1, self.address_2, self.city, self.postcode) if line]

    @property
    def accessibility_features(self) -> list[str]:
        features = {
            "Step-free access": self.step_free_access,
            "Accessible toilet": self.accessible_toilet,
            "Hearing loop": self.hearing_loop,
            "Quiet room": self.quiet_room,
        }
        return [label for label, present in features.items() if present]
