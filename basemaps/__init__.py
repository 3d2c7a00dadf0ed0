"""basemaps: base layers, Folium maps and matplotlib figures (uses geo and routes)."""
