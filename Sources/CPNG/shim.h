#include <png.h>
#include <zlib.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

// Writes Cairo RGB24 pixels (B, G, R, unused per pixel in memory on little-endian machines)
// as an 8-bit RGB PNG at `path`. `fast`: zlib level 1 and the Sub filter; otherwise level 6 and
// libpng's adaptive choice among all filters.
// libpng reports errors by longjmp, which Swift cannot catch, so the call is wrapped here.
// Returns 0 on success, -1 when the file cannot be opened, -2 on a libpng or write error.
static inline int descent_png_write_rgb24_stream(FILE *file, const unsigned char *pixels, int width, int height,
                                                 int stride, int fast) {
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return -2;
    }
    png_init_io(png, file);
    png_set_compression_level(png, fast ? 1 : 6);
    if (fast) png_set_compression_strategy(png, Z_RLE);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, fast ? PNG_FILTER_SUB : PNG_ALL_FILTERS);
    png_set_IHDR(png, info, width, height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
    png_write_info(png, info);
    png_set_bgr(png);
    png_set_filler(png, 0, PNG_FILLER_AFTER);
    for (int y = 0; y < height; y++) png_write_row(png, pixels + (size_t)y * stride);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return 0;
}

static inline int descent_png_write_rgb24(const char *path, const unsigned char *pixels, int width, int height,
                                          int stride, int fast) {
    FILE *file = fopen(path, "wb");
    if (!file) return -1;
    int status = descent_png_write_rgb24_stream(file, pixels, width, height, stride, fast);
    return fclose(file) == 0 ? status : -2;
}

// The same PNG in memory: `*out` (free it) holds `*size` bytes. Returns 0, or -2 on failure.
static inline int descent_png_encode_rgb24(const unsigned char *pixels, int width, int height, int stride, int fast,
                                           char **out, size_t *size) {
    *out = NULL;
    FILE *file = open_memstream(out, size);
    if (!file) return -2;
    int status = descent_png_write_rgb24_stream(file, pixels, width, height, stride, fast);
    if (fclose(file) != 0) status = -2;
    if (status != 0) { free(*out); *out = NULL; }
    return status;
}
