/* "Use my location" for the services search. Without this script, or without
   geolocation, the form works with its list of municipalities. The position is rounded
   to two decimals (about a kilometre) before it leaves the phone. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-locate]");
  if (!form || !navigator.geolocation) { return; }
  var place = form.elements.m, lat = form.elements.lat, lon = form.elements.lon;
  var button = document.createElement("button");
  var status = document.createElement("p");
  button.type = "button";
  button.className = "locate";
  button.textContent = form.getAttribute("data-locate");
  status.setAttribute("role", "status");
  place.parentNode.insertBefore(status, place.nextSibling);
  place.parentNode.insertBefore(button, status);
  place.addEventListener("change", function () { lat.value = ""; lon.value = ""; });
  button.addEventListener("click", function () {
    status.textContent = form.getAttribute("data-locating");
    navigator.geolocation.getCurrentPosition(function (position) {
      lat.value = position.coords.latitude.toFixed(2);
      lon.value = position.coords.longitude.toFixed(2);
      place.value = "";
      form.submit();
    }, function () {
      status.textContent = form.getAttribute("data-failed");
    }, { enableHighAccuracy: false, timeout: 20000, maximumAge: 600000 });
  });
}());
