import Foundation

/// A box of latitudes and longitudes (degrees, WGS 84) that holds every point within a distance
/// of a centre: what a lookup by place asks the place index for before it measures each
/// candidate exactly. A circle over the antimeridian is two boxes; one around a pole spans every
/// longitude.
package struct PlaceBox: Sendable, Equatable {
    package var minLatitude: Double
    package var maxLatitude: Double
    package var minLongitude: Double
    package var maxLongitude: Double

    package init(minLatitude: Double, maxLatitude: Double, minLongitude: Double, maxLongitude: Double) {
        (self.minLatitude, self.maxLatitude, self.minLongitude, self.maxLongitude) = (minLatitude, maxLatitude, minLongitude, maxLongitude)
    }

    /// The mean Earth radius in metres, as the distances are measured (haversine).
    package static let earthRadius = 6_371_008.8

    /// The boxes that together hold the spherical cap of `radiusMetres` around `centre` (the
    /// bounding coordinates of J. P. Matuschek's method), widened by a millionth of a degree
    /// (about 11 cm) against rounding: they may hold too much, never too little.
    package static func around(_ centre: (latitude: Double, longitude: Double), radiusMetres: Double) -> [PlaceBox] {
        let margin = 1e-6
        let angle = radiusMetres / earthRadius   // radians
        let degrees = angle * 180 / .pi
        let low = centre.latitude - degrees, high = centre.latitude + degrees
        guard low > -90, high < 90, angle < .pi / 2 else {
            // A pole is inside the circle (or the circle is a hemisphere or more): every longitude.
            return [PlaceBox(minLatitude: max(-90, low - margin), maxLatitude: min(90, high + margin), minLongitude: -180, maxLongitude: 180)]
        }
        let ratio = sin(angle) / cos(centre.latitude * .pi / 180)
        guard ratio < 1 else {
            return [PlaceBox(minLatitude: low - margin, maxLatitude: high + margin, minLongitude: -180, maxLongitude: 180)]
        }
        let spread = asin(ratio) * 180 / .pi + margin
        let west = centre.longitude - spread, east = centre.longitude + spread
        let latitudes = (low - margin, high + margin)
        if west < -180 {
            return [PlaceBox(minLatitude: latitudes.0, maxLatitude: latitudes.1, minLongitude: -180, maxLongitude: east),
                    PlaceBox(minLatitude: latitudes.0, maxLatitude: latitudes.1, minLongitude: west + 360, maxLongitude: 180)]
        }
        if east > 180 {
            return [PlaceBox(minLatitude: latitudes.0, maxLatitude: latitudes.1, minLongitude: west, maxLongitude: 180),
                    PlaceBox(minLatitude: latitudes.0, maxLatitude: latitudes.1, minLongitude: -180, maxLongitude: east - 360)]
        }
        return [PlaceBox(minLatitude: latitudes.0, maxLatitude: latitudes.1, minLongitude: west, maxLongitude: east)]
    }
}
