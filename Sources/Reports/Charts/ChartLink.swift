import Records
/// A chart written beside a report: its title and file names relative to the report.
public struct ChartLink: Equatable, Sendable {
    /// What the chart shows.
    public let title: String
    /// The PNG file name.
    public let png: String
    /// The SVG file name.
    public let svg: String

    /// Links the PNG and SVG files `stem`.png and `stem`.svg.
    public init(title: String, stem: String) {
        self.title = title
        png = stem + ".png"
        svg = stem + ".svg"
    }
}
