/* test-devserver-placement.c — where sign/pdf puts a visible specimen, in
 * pixels: originX/originY are the box's top-left corner on the page as
 * displayed (CropBox, /Rotate applied), y downwards, in points (manual
 * v2, p. 21); tag_koordinat puts that corner on the marker text.
 *
 * The pages are made by ghostscript (CropBox by pdfmark) and turned by
 * qpdf (--rotate); the signed pages are rendered by pdftoppm at 72 dpi
 * (one pixel a point) and the red specimen looked for in the pixels.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ds-harness.h"

#include <glib/gstdio.h>
#include <string.h>

/* The visible area: CropBox [40 60 555 800] of an A4 MediaBox. */
#define CROP_W 515
#define CROP_H 740
/* bs-appearance.c draws the image 4 % of the box's smaller side inside. */
#define PAD_RATIO 0.04

typedef struct {
  int x0, y0, x1, y1;   /* inclusive pixel bounds; x1 < x0 when none */
} Bounds;

typedef struct {
  int     width, height;
  guint8 *rgb;
} Picture;

static void
picture_clear (Picture *p)
{
  g_clear_pointer (&p->rgb, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Picture, picture_clear)

static void
run_in (const char *dir, const char *const *argv)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *output = NULL;
  int status;

  g_assert_cmpint (g_chdir (dir), ==, 0);
  status = ds_run (argv, NULL, &output);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  if (status != 0)
    g_error ("%s failed: %s", argv[0], output);
}

/* One A4 page, cropped, with "#TTE#" at (300, 200) in user space, turned
 * by @rotate degrees. */
static char *
make_page (DsHarness *h, int rotate)
{
  g_autofree char *ps = g_build_filename (h->root, "page.ps", NULL);
  g_autofree char *flat = g_strdup_printf ("page-%d-flat.pdf", rotate);
  g_autofree char *name = g_strdup_printf ("page-%d.pdf", rotate);
  g_autofree char *out = g_strconcat ("-sOutputFile=", flat, NULL);
  g_autofree char *turn = g_strdup_printf ("--rotate=+%d", rotate);
  const char *gs[] = { "gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite", "-dAutoRotatePages=/None", out,
                       "page.ps", NULL };
  const char *qpdf[] = { "qpdf", flat, rotate ? turn : name, rotate ? name : NULL, NULL };

  g_assert_true (g_file_set_contents (ps, "%!PS\n<< /PageSize [595 842] >> setpagedevice\n"
                                          "[ /CropBox [40 60 555 800] /PAGE pdfmark\n"
                                          "/Helvetica findfont 14 scalefont setfont 300 200 moveto (#TTE#) show\n"
                                          "showpage\n", -1, NULL));
  run_in (h->root, gs);
  run_in (h->root, qpdf);
  return g_build_filename (h->root, name, NULL);
}

static char *
file_b64 (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_base64_encode ((const guchar *) data, len);
}

/* A 263×100 pure red PNG specimen, drawn by ghostscript: the boxes below
 * (5:2, less 4 % padding) have its aspect, so it fills them. */
static char *
red_png_b64 (DsHarness *h)
{
  g_autofree char *ps = g_build_filename (h->root, "red.ps", NULL);
  g_autofree char *png = g_build_filename (h->root, "red.png", NULL);
  const char *gs[] = { "gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=png16m", "-r72", "-g263x100",
                       "-sOutputFile=red.png", "red.ps", NULL };

  g_assert_true (g_file_set_contents (ps, "%!PS\n1 0 0 setrgbcolor 0 0 263 100 rectfill showpage\n", -1, NULL));
  run_in (h->root, gs);
  return file_b64 (png);
}

static char *
sign (DsHarness *h, const char *pdf, const char *props_json, int rotate, const char *what)
{
  g_autofree char *basic = ds_harness_basic (h, NULL);
  g_autofree char *pdf_b64 = file_b64 (pdf);
  g_autofree char *body = g_strdup_printf ("{\"nik\": \"%s\", \"passphrase\": \"%s\", \"signatureProperties\": [%s],"
                                           " \"file\": [\"%s\"]}", ds_harness_account (h, "nik"),
                                           ds_harness_account (h, "passphrase"), props_json, pdf_b64);
  g_autoptr(DsReply) r = ds_post (h, "/api/v2/sign/pdf", basic, body);
  json_object *files = NULL;
  g_autofree char *name = g_strdup_printf ("signed-%s-%d.pdf", what, rotate);
  char *path = g_build_filename (h->root, name, NULL);
  g_autofree guint8 *signed_pdf = NULL;
  gsize len = 0;

  if (r->status != 200)
    g_error ("sign/pdf: %ld %s", r->status, r->body);
  g_assert_true (json_object_object_get_ex (r->json, "file", &files));
  signed_pdf = g_base64_decode (json_object_get_string (json_object_array_get_idx (files, 0)), &len);
  g_assert_true (g_file_set_contents (path, (const char *) signed_pdf, (gssize) len, NULL));
  return path;
}

/* The page as displayed, one pixel a point (pdftoppm, CropBox). */
static Picture
render (DsHarness *h, const char *pdf)
{
  g_autofree char *prefix = g_strconcat (pdf, "-render", NULL);
  g_autofree char *ppm = g_strconcat (prefix, ".ppm", NULL);
  const char *argv[] = { "pdftoppm", "-r", "72", "-cropbox", "-singlefile", pdf, prefix, NULL };
  g_autofree char *data = NULL;
  gsize len = 0;
  Picture p = { 0, 0, NULL };
  int maxval = 0, consumed = 0;

  run_in (h->root, argv);
  g_assert_true (g_file_get_contents (ppm, &data, &len, NULL));
  g_assert_cmpint (sscanf (data, "P6 %d %d %d%n", &p.width, &p.height, &maxval, &consumed), ==, 3);
  g_assert_cmpint (maxval, ==, 255);
  consumed++;   /* the single whitespace after maxval */
  g_assert_cmpuint (len, ==, (gsize) consumed + (gsize) p.width * p.height * 3);
  p.rgb = g_memdup2 (data + consumed, (gsize) p.width * p.height * 3);
  return p;
}

typedef gboolean (*PixelTest) (const guint8 *rgb);

static gboolean
is_red (const guint8 *rgb)
{
  return rgb[0] > 200 && rgb[1] < 60 && rgb[2] < 60;
}

static gboolean
is_dark (const guint8 *rgb)
{
  return rgb[0] < 128 && rgb[1] < 128 && rgb[2] < 128;
}

static Bounds
bounds_of (const Picture *p, PixelTest test)
{
  Bounds b = { p->width, p->height, -1, -1 };

  for (int y = 0; y < p->height; y++)
    for (int x = 0; x < p->width; x++)
      if (test (p->rgb + 3 * ((gsize) y * p->width + x)))
        {
          b.x0 = MIN (b.x0, x);
          b.y0 = MIN (b.y0, y);
          b.x1 = MAX (b.x1, x);
          b.y1 = MAX (b.y1, y);
        }
  return b;
}

static void
assert_display_size (const Picture *p, int rotate)
{
  gboolean quarter = rotate == 90 || rotate == 270;

  g_assert_cmpint (p->width, ==, quarter ? CROP_H : CROP_W);
  g_assert_cmpint (p->height, ==, quarter ? CROP_W : CROP_H);
}

/* The specimen (alone in the box, as BSrE shows it) fills the box but for
 * the padding, upright whatever the page's rotation. */
static void
assert_specimen_at (const Bounds *red, double x, double y, double w, double h, double tolerance)
{
  double pad = MIN (w, h) * PAD_RATIO;

  g_test_message ("specimen at %d,%d–%d,%d; expected %.1f,%.1f–%.1f,%.1f", red->x0, red->y0, red->x1,
                  red->y1, x + pad, y + pad, x + w - pad, y + h - pad);
  g_assert_cmpint (red->x1, >=, red->x0);
  g_assert_cmpfloat (ABS (red->x0 - (x + pad)), <=, tolerance);
  g_assert_cmpfloat (ABS (red->y0 - (y + pad)), <=, tolerance);
  /* Upright: as wide and as tall as the box, not turned with the page. */
  g_assert_cmpfloat (ABS ((red->x1 - red->x0 + 1) - (w - 2 * pad)), <=, 3);
  g_assert_cmpfloat (ABS ((red->y1 - red->y0 + 1) - (h - 2 * pad)), <=, 3);
  /* Nothing red outside the box. */
  g_assert_cmpint (red->x1, <=, (int) (x + w) + 1);
  g_assert_cmpint (red->y1, <=, (int) (y + h) + 1);
}

static void
test_origin (gconstpointer data)
{
  int rotate = GPOINTER_TO_INT (data);
  DsHarness *h = ds_harness_start (FALSE);
  g_autofree char *page = make_page (h, rotate);
  g_autofree char *image = red_png_b64 (h);
  const double x = 60, y = 80, w = 200, hh = 80;
  g_autofree char *props = g_strdup_printf ("{\"tampilan\": \"VISIBLE\", \"imageBase64\": \"%s\", \"page\": 1,"
                                            " \"originX\": %.1f, \"originY\": %.1f, \"width\": %.1f, \"height\": %.1f}",
                                            image, x, y, w, hh);
  g_autofree char *signed_pdf = sign (h, page, props, rotate, "origin");
  g_auto (Picture) picture = render (h, signed_pdf);
  Bounds red = bounds_of (&picture, is_red);

  assert_display_size (&picture, rotate);
  assert_specimen_at (&red, x, y, w, hh, 2);
  ds_harness_free (h);
}

static void
test_tag (gconstpointer data)
{
  int rotate = GPOINTER_TO_INT (data);
  DsHarness *h = ds_harness_start (FALSE);
  g_autofree char *page = make_page (h, rotate);
  g_autofree char *image = red_png_b64 (h);
  g_auto (Picture) before = render (h, page);
  Bounds marker = bounds_of (&before, is_dark);
  g_autofree char *props = g_strdup_printf ("{\"tampilan\": \"VISIBLE\", \"imageBase64\": \"%s\","
                                            " \"tag_koordinat\": \"#TTE#\", \"width\": 150, \"height\": 60}", image);
  g_autofree char *signed_pdf = sign (h, page, props, rotate, "tag");
  g_auto (Picture) after = render (h, signed_pdf);
  Bounds red = bounds_of (&after, is_red);

  g_assert_cmpint (marker.x1, >, marker.x0);
  g_test_message ("marker ink at %d,%d–%d,%d", marker.x0, marker.y0, marker.x1, marker.y1);
  /* The box starts at the marker's text box, which reaches a few points
   * past the ink (ascent, descent, side bearing). */
  assert_specimen_at (&red, marker.x0, marker.y0, 150, 60, 6);
  ds_harness_free (h);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (int r = 0; r < 360; r += 90)
    {
      g_autofree char *origin = g_strdup_printf ("/placement/origin/rotate-%d", r);
      g_autofree char *tag = g_strdup_printf ("/placement/tag-koordinat/rotate-%d", r);
      g_test_add_data_func (origin, GINT_TO_POINTER (r), test_origin);
      g_test_add_data_func (tag, GINT_TO_POINTER (r), test_tag);
    }
  return g_test_run ();
}
