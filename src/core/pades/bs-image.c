/* bs-image.c — PNG and JPEG specimens through libpng and libjpeg.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-image.h"
#include "bs-error.h"

#include <glib/gi18n-lib.h>
#include <setjmp.h>
#include <stdio.h>
/* jpeglib.h needs stdio.h first. */
#include <jpeglib.h>
#include <png.h>
#include <string.h>
#include <zlib.h>

/* A specimen is a small picture; this bounds memory for hostile files. */
#define MAX_PIXELS (4096u * 4096u)
#define MAX_FILE_SIZE (32u * 1024 * 1024)

static void
set_image_error (GError **error, const char *path, const char *why)
{
  g_autofree char *base = g_path_get_basename (path);

  g_set_error (error, BS_ERROR, BS_ERROR_IMAGE, _("The specimen image %s cannot be used: %s"),
               base, why);
}

static GBytes *
deflate_bytes (const guint8 *data, gsize len)
{
  uLongf out_len = compressBound ((uLong) len);
  guint8 *out = g_malloc (out_len);

  if (compress2 (out, &out_len, data, (uLong) len, 6) != Z_OK)
    {
      g_free (out);
      return NULL;
    }
  return g_bytes_new_take (out, out_len);
}

static gboolean
split_rgba (BsImage *image, const guint8 *rgba, gsize pixels)
{
  g_autofree guint8 *rgb = g_malloc (pixels * 3);
  g_autofree guint8 *alpha = g_malloc (pixels);
  gboolean opaque = TRUE;

  for (gsize i = 0; i < pixels; i++)
    {
      memcpy (rgb + i * 3, rgba + i * 4, 3);
      alpha[i] = rgba[i * 4 + 3];
      opaque = opaque && alpha[i] == 0xff;
    }
  image->data = deflate_bytes (rgb, pixels * 3);
  image->smask = opaque ? NULL : deflate_bytes (alpha, pixels);
  return image->data != NULL && (opaque || image->smask != NULL);
}

static BsImage *
load_png (const char *path, const guint8 *bytes, gsize len, GError **error)
{
  png_image png = { .version = PNG_IMAGE_VERSION };
  g_autoptr(BsImage) image = g_new0 (BsImage, 1);
  g_autofree guint8 *rgba = NULL;

  if (!png_image_begin_read_from_memory (&png, bytes, len))
    {
      set_image_error (error, path, png.message);
      return NULL;
    }
  if ((guint64) png.width * png.height > MAX_PIXELS || png.width == 0 || png.height == 0)
    {
      png_image_free (&png);
      set_image_error (error, path, _("it is too large (at most 4096 × 4096 pixels)"));
      return NULL;
    }
  png.format = PNG_FORMAT_RGBA;
  rgba = g_malloc (PNG_IMAGE_SIZE (png));
  if (!png_image_finish_read (&png, NULL, rgba, 0, NULL))
    {
      set_image_error (error, path, png.message);
      return NULL;
    }
  image->width = png.width;
  image->height = png.height;
  image->color_space = "/DeviceRGB";
  image->filter = "/FlateDecode";
  if (!split_rgba (image, rgba, (gsize) png.width * png.height))
    {
      set_image_error (error, path, _("it cannot be compressed"));
      return NULL;
    }
  return g_steal_pointer (&image);
}

typedef struct {
  struct jpeg_error_mgr pub;
  jmp_buf               jump;
  char                  message[JMSG_LENGTH_MAX];
} JpegError;

static void
jpeg_error_exit (j_common_ptr cinfo)
{
  JpegError *err = (JpegError *) cinfo->err;

  (*cinfo->err->format_message) (cinfo, err->message);
  longjmp (err->jump, 1);
}

static gboolean
read_jpeg_header (const guint8 *bytes, gsize len, BsImage *image, char *why, gsize why_len)
{
  struct jpeg_decompress_struct cinfo;
  JpegError err;

  cinfo.err = jpeg_std_error (&err.pub);
  err.pub.error_exit = jpeg_error_exit;
  if (setjmp (err.jump))
    {
      g_strlcpy (why, err.message, why_len);
      jpeg_destroy_decompress (&cinfo);
      return FALSE;
    }
  jpeg_create_decompress (&cinfo);
  jpeg_mem_src (&cinfo, bytes, (unsigned long) len);
  jpeg_read_header (&cinfo, TRUE);
  image->width = cinfo.image_width;
  image->height = cinfo.image_height;
  image->adobe_cmyk = cinfo.saw_Adobe_marker && cinfo.num_components == 4;
  switch (cinfo.num_components)
    {
    case 1: image->color_space = "/DeviceGray"; break;
    case 3: image->color_space = "/DeviceRGB"; break;
    case 4: image->color_space = "/DeviceCMYK"; break;
    default: image->color_space = NULL; break;
    }
  jpeg_destroy_decompress (&cinfo);
  if (image->color_space == NULL)
    g_strlcpy (why, _("unsupported number of colour components"), why_len);
  return image->color_space != NULL;
}

static BsImage *
load_jpeg (const char *path, GBytes *file, GError **error)
{
  g_autoptr(BsImage) image = g_new0 (BsImage, 1);
  char why[JMSG_LENGTH_MAX] = "";
  gsize len;
  const guint8 *bytes = g_bytes_get_data (file, &len);

  if (!read_jpeg_header (bytes, len, image, why, sizeof why))
    {
      set_image_error (error, path, why);
      return NULL;
    }
  if ((guint64) image->width * image->height > MAX_PIXELS || image->width == 0)
    {
      set_image_error (error, path, _("it is too large (at most 4096 × 4096 pixels)"));
      return NULL;
    }
  image->filter = "/DCTDecode";
  image->data = g_bytes_ref (file);
  return g_steal_pointer (&image);
}

BsImage *
bs_image_load (const char *path, GError **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) file = NULL;
  static const guint8 png_magic[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  const guint8 *bytes;
  gsize len;

  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      set_image_error (error, path, local_error->message);
      return NULL;
    }
  len = g_mapped_file_get_length (mapped);
  if (len > MAX_FILE_SIZE)
    {
      set_image_error (error, path, _("the file is larger than 32 MB"));
      return NULL;
    }
  file = g_bytes_new (g_mapped_file_get_contents (mapped), len);
  bytes = g_bytes_get_data (file, NULL);
  if (len >= 8 && memcmp (bytes, png_magic, 8) == 0)
    return load_png (path, bytes, len, error);
  if (len >= 3 && bytes[0] == 0xff && bytes[1] == 0xd8 && bytes[2] == 0xff)
    return load_jpeg (path, file, error);
  set_image_error (error, path, _("only PNG and JPEG images are supported"));
  return NULL;
}

void
bs_image_free (BsImage *image)
{
  if (image == NULL)
    return;
  g_clear_pointer (&image->data, g_bytes_unref);
  g_clear_pointer (&image->smask, g_bytes_unref);
  g_free (image);
}
