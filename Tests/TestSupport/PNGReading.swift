import CPNG
import Foundation

/// Decodes a PNG file to packed RGB with libpng's simplified API (for checking what was written).
public func readPNG(_ url: URL) -> (width: Int, height: Int, rgb: [UInt8])? {
    var image = png_image()
    image.version = UInt32(PNG_IMAGE_VERSION)
    guard png_image_begin_read_from_file(&image, url.path) != 0 else { return nil }
    image.format = UInt32(PNG_FORMAT_RGB)
    var rgb = [UInt8](repeating: 0, count: Int(image.width * image.height * 3))
    guard png_image_finish_read(&image, nil, &rgb, 0, nil) != 0 else { return nil }
    return (Int(image.width), Int(image.height), rgb)
}
