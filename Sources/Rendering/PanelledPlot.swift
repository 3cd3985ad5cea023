/// An animated plot with a ``StepChart`` under it, both growing frame by frame.
public struct PanelledPlot: AnimatedPlot {
    /// The view on top.
    public var main: any AnimatedPlot
    /// The chart under it.
    public var panel: StepChart
    /// The share of the image's height the panel takes.
    public var panelShare = 0.3

    /// `main` over `panel`.
    public init(main: any AnimatedPlot, panel: StepChart) {
        self.main = main
        self.panel = panel
    }

    /// The main plot's height and the panel's rectangle; an image too small for the main plot
    /// to keep its text above a panel keeps the main plot only.
    func split(width: Int, height: Int) -> (mainHeight: Int, panel: (x: Double, y: Double, width: Double, height: Double)?) {
        let mainHeight = Int((Double(height) * (1 - panelShare)).rounded())
        guard PlotLayout(width: width, height: mainHeight).showsText else { return (height, nil) }
        return (mainHeight, (0, Double(mainHeight), Double(width), Double(height - mainHeight)))
    }

    /// The layout of the panel: the whole image's, so its fonts match the main plot's.
    func layout(width: Int, height: Int) -> PlotLayout { PlotLayout(width: width, height: height) }

    /// Both backgrounds, the view's above the panel's.
    public func background(width: Int, height: Int) throws -> Canvas {
        let (mainHeight, rect) = split(width: width, height: height)
        guard let rect else { return try main.background(width: width, height: height) }
        let canvas = try Canvas(width: width, height: height)
        canvas.draw(try main.background(width: width, height: mainHeight), x: 0, y: 0)
        panel.drawBackground(on: canvas, in: rect, layout: layout(width: width, height: height))
        return canvas
    }

    /// What settles in both, between the steps.
    public func drawSettled(on canvas: Canvas, width: Int, height: Int, after: Int?, through: Int) {
        let (mainHeight, rect) = split(width: width, height: height)
        main.drawSettled(on: canvas, width: width, height: mainHeight, after: after, through: through)
        if let rect { panel.drawSettled(on: canvas, in: rect, layout: layout(width: width, height: height), after: after, through: through) }
    }

    /// What changes at `step` in both.
    public func drawFrame(on canvas: Canvas, width: Int, height: Int, step: Int) {
        let (mainHeight, rect) = split(width: width, height: height)
        main.drawFrame(on: canvas, width: width, height: mainHeight, step: step)
        if let rect { panel.drawCurves(on: canvas, in: rect, layout: layout(width: width, height: height), step: step) }
    }
}
