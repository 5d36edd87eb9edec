// The resource hub's map people can move and zoom, where the deployment configures map tiles
// (STAR_MAP_TILES_URL). Progressive enhancement over the drawn map: it starts only when someone
// opens "Show these on a map" (so no tile is fetched before), puts the same numbered places on
// it, and hides the drawn picture. Without JavaScript or tiles the drawn map and the list remain.
(function () {
  "use strict";
  const details = document.querySelector("details[data-live-map]");
  const holder = details && document.getElementById(details.dataset.liveMap);
  const data = document.getElementById("hub-map-markers");
  if (!details || !holder || !data || typeof window.L === "undefined") {
    return;
  }
  const L = window.L;
  let map = null;

  function start() {
    const markers = JSON.parse(data.textContent || "[]");
    if (!markers.length) {
      return;
    }
    holder.hidden = false;
    const drawn = details.querySelector(".star-hub-map");
    if (drawn) {
      drawn.setAttribute("hidden", "");
    }
    map = L.map(holder, { scrollWheelZoom: false });
    L.tileLayer(holder.dataset.tiles, { attribution: holder.dataset.attribution, maxZoom: 18, referrerPolicy: "no-referrer" }).addTo(map);
    const points = [];
    markers.forEach(function (place) {
      const icon = L.divIcon({ className: "star-hub-live-marker", html: String(place.number), iconSize: [28, 28] });
      const marker = L.marker([place.lat, place.lng], { icon: icon, title: place.number + ": " + place.name, alt: place.number + ": " + place.name, keyboard: true });
      marker.bindPopup(document.createTextNode(place.number + ". " + place.name));
      marker.addTo(map);
      points.push([place.lat, place.lng]);
    });
    map.fitBounds(points, { padding: [24, 24], maxZoom: 15 });
    holder.setAttribute("aria-label", "Map you can move and zoom: each numbered marker is the service with that number in the list");
  }

  details.addEventListener("toggle", function () {
    if (!details.open) {
      return;
    }
    if (map === null) {
      start();
    } else {
      map.invalidateSize();
    }
  });
  if (details.open) {
    start();
  }
})();
