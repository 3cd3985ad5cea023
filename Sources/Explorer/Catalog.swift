import Foundation
import Optimizers
import Rendering
import ScenePictures
import Scenes
import Surfaces

/// `GET /api/catalog`: the surfaces, the optimizers with every hyper-parameter's default and
/// allowed range, the example scenes, the path colours, how the renderer draws a path and the
/// request limits.
enum Catalog {
    /// A hyper-parameter as the page offers it, from the rule's own description: its default,
    /// allowed values, and the slider's span and scale.
    static func parameter(_ p: Hyperparameter, value: Double) -> [String: Any] {
        if p.kind == .flag { return ["key": p.key, "type": "bool", "default": value != 0] }
        return ["key": p.key, "type": p.kind == .integer ? "integer" : "number", "default": value,
                "min": p.minimum.isFinite ? p.minimum : NSNull(), "min_included": p.minimumIncluded,
                "max": p.maximum.isFinite ? p.maximum : NSNull(), "max_included": p.maximumIncluded,
                "slider": [p.slider.lowerBound, p.slider.upperBound], "scale": p.scale.rawValue]
    }

    /// An optimizer at Keras's defaults: the learning rate, then its rule's hyper-parameters in Keras's order.
    static func optimizer(_ kind: OptimizerKind) -> [String: Any] {
        let configuration = kind.defaultConfiguration, entry = kind.defaultRule.entry
        let parameters = [parameter(OptimizerConfiguration.learningRateArgument, value: configuration.learningRate.initialValue)]
            + kind.defaultRule.settings.map { parameter($0.parameter, value: $0.value) }
        return ["name": kind.name, "label": kind.displayName, "group": entry.group.name, "summary": entry.summary,
                "provenance": entry.provenance.text,
                "color": hex(PathColors.color(of: kind.name)),
                "weight_decay": configuration.weightDecay ?? NSNull(), "parameters": parameters]
    }

    /// A surface; a data surface also gives its sample count (`samples`, the largest batch size).
    static func surface(_ surface: any Surface) -> [String: Any] {
        var entry: [String: Any] = ["name": surface.name, "title": surface.displayName,
                                    "window": ["x": [surface.window.x.lowerBound, surface.window.x.upperBound],
                                               "y": [surface.window.y.lowerBound, surface.window.y.upperBound]],
                                    "minima": surface.minima.map { [$0.x, $0.y] }, "scale": surface.colorScale.rawValue]
        if let sampled = surface as? any SampledSurface { entry["samples"] = sampled.sampleCount }
        return entry
    }

    /// `#rrggbb`
    static func hex(_ color: Color) -> String {
        String(format: "#%02x%02x%02x", Int((color.red * 255).rounded()), Int((color.green * 255).rounded()), Int((color.blue * 255).rounded()))
    }

    /// The catalog's JSON, for these example scenes.
    static func json(examples: [Scene], help: String? = nil) throws -> Data {
        let scenes = try examples.map { scene -> [String: Any] in
            ["name": scene.name, "scene": try JSONSerialization.jsonObject(with: try SceneFile.encode(scene))]
        }
        let catalog: [String: Any] = [
            "surfaces": SurfaceCatalog.all.map(surface),
            "optimizers": OptimizerKind.allCases.map(optimizer),
            "groups": OptimizerRule.groups.map { ["name": $0.name, "title": $0.title] },
            // The picker's schedules (PiecewiseConstantDecay takes lists: scene files only) and base keys.
            "schedules": LearningRateSchedule.arguments.filter { !$0.arguments.isEmpty }.map { entry in
                // Keras requires the first two (the initial rate and the steps): a picked schedule starts with them.
                ["class_name": entry.className, "parameters": entry.arguments.map { parameter($0, value: $0.defaultValue) },
                 "required": entry.arguments.prefix(2).map(\.key)]
            },
            "base": OptimizerConfiguration.baseArguments.map { parameter($0, value: $0.defaultValue) },
            "examples": scenes,
            // Where the page's help leads: the explorer's guide on the documentation site, or null.
            "help": help ?? NSNull(),
            "limits": ["steps": ExplorerLimits.steps, "frames": ExplorerLimits.frames,
                       "width": ExplorerLimits.width, "height": ExplorerLimits.height, "optimizers": ExplorerLimits.optimizers,
                       "runs": [Scene.runsRange.lowerBound, Scene.runsRange.upperBound], "point_steps": ExplorerLimits.pointSteps,
                       "phase_cells": ExplorerLimits.phaseCells, "phase_cell_steps": ExplorerLimits.phaseCellSteps],
            // A scene file's defaults where it is silent: what the page shows and sends until changed.
            "scene_defaults": ["size": [Scene.defaultSize.width, Scene.defaultSize.height], "steps": Scene.defaultSteps,
                               "view": Scene.View.flat.rawValue, "runs": Scene.runsRange.lowerBound,
                               "phase_grid": [ExplorerLimits.phaseGrid.columns, ExplorerLimits.phaseGrid.rows]],
            // The renderer's chart numbers, so the page's chart is laid out as the frames' panel.
            "chart_style": try JSONSerialization.jsonObject(with: JSONEncoder().encode(ChartStyle.standard)),
            "legend_style": try JSONSerialization.jsonObject(with: JSONEncoder().encode(LegendStyle.standard)),
            "formats": ["gif", "png"] + (Movie.canEncode ? ["mp4"] : []),
            // The renderer's own numbers, so the page's paths look like its frames.
            "path_style": try JSONSerialization.jsonObject(with: JSONEncoder().encode(PathStyle.standard)),
            // The phase map's colours for diverged cells and cells that never reach the tolerance.
            "phase_colors": ["diverged": hex(PhasePicture.divergedColor), "not_reached": hex(PhasePicture.notReachedColor)],
            // The renderer's internals glyphs (the arrows' share of the view, widths, dashes, palette).
            "glyph_style": try JSONSerialization.jsonObject(with: JSONEncoder().encode(GlyphStyle.standard)),
            // The renderer's colour map, 33 evenly spaced stops (the landscape page shades with it).
            "colormap": (0...32).map { hex(ColorMap.viridis.color(at: Double($0) / 32)) },
        ]
        return try JSONSerialization.data(withJSONObject: catalog, options: [.sortedKeys])
    }
}
