/* bs-appearance.c — laying out specimen and text in the signature box.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-appearance.h"

#include <string.h>

#define PADDING_RATIO 0.04
#define LINE_SPACING 1.2
#define MAX_FONT_SIZE 12.0
#define MIN_FONT_SIZE 3.0
/* Helvetica's average advance is about half an em; a little more keeps
 * long names inside the box (anything wider is clipped anyway). */
#define AVG_CHAR_WIDTH 0.56

typedef struct {
  double x, y, w, h;
} Box;

static guint
count_lines (const char * const *lines)
{
  guint n = 0;

  while (lines != NULL && lines[n] != NULL)
    n++;
  return n;
}

/* Text is shown with the standard WinAnsiEncoding font, so it is
 * converted to Windows-1252; characters outside it become '?'. */
static char *
to_pdf_string (const char *utf8)
{
  g_autofree char *cp1252 = g_convert_with_fallback (utf8, -1, "CP1252", "UTF-8", "?",
                                                     NULL, NULL, NULL);
  GString *out = g_string_new ("(");

  for (const guchar *p = (const guchar *) (cp1252 ? cp1252 : "?"); *p; p++)
    {
      if (*p == '(' || *p == ')' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if (*p < 0x20 || *p > 0x7e)
        g_string_append_printf (out, "\\%03o", *p);
      else
        g_string_append_c (out, (char) *p);
    }
  g_string_append_c (out, ')');
  return g_string_free (out, FALSE);
}

static void
append_number (GString *s, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.3f", v);
  g_string_append (s, buf);
  g_string_append_c (s, ' ');
}

static void
draw_image (GString *s, const BsImage *image, Box area)
{
  double scale = MIN (area.w / image->width, area.h / image->height);
  double w = image->width * scale, h = image->height * scale;

  g_string_append (s, "q ");
  append_number (s, w);
  g_string_append (s, "0 0 ");
  append_number (s, h);
  append_number (s, area.x + (area.w - w) / 2);
  append_number (s, area.y + (area.h - h) / 2);
  g_string_append (s, "cm /Im1 Do Q\n");
}

static double
fit_font_size (const char * const *lines, guint n, Box area)
{
  glong longest = 1;
  double size;

  for (guint i = 0; i < n; i++)
    longest = MAX (longest, g_utf8_strlen (lines[i], -1));
  size = MIN (area.h / (n * LINE_SPACING), area.w / (longest * AVG_CHAR_WIDTH));
  return CLAMP (size, MIN_FONT_SIZE, MAX_FONT_SIZE);
}

static void
draw_text (GString *s, const char * const *lines, guint n, Box area)
{
  double size = fit_font_size (lines, n, area);
  double block = n * size * LINE_SPACING;
  double top = area.y + area.h - MAX (0, (area.h - block) / 2) - size;

  g_string_append (s, "BT 0 g /F1 ");
  append_number (s, size);
  g_string_append (s, "Tf ");
  append_number (s, size * LINE_SPACING);
  g_string_append (s, "TL ");
  append_number (s, area.x);
  append_number (s, top);
  g_string_append (s, "Td\n");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = to_pdf_string (lines[i]);
      g_string_append_printf (s, "%s%s Tj\n", i > 0 ? "T* " : "", text);
    }
  g_string_append (s, "ET\n");
}

GBytes *
bs_appearance_build_content (const BsAppearance *a)
{
  GString *s = g_string_new ("q 0 0 ");
  guint n = count_lines (a->lines);
  double pad = MIN (a->width, a->height) * PADDING_RATIO;
  Box inner = { pad, pad, a->width - 2 * pad, a->height - 2 * pad };
  Box image_area = inner, text_area = inner;

  append_number (s, a->width);
  append_number (s, a->height);
  g_string_append (s, "re W n\n");
  if (a->image != NULL && n > 0)
    {
      double aspect = (double) a->image->width / a->image->height;
      image_area.w = MIN (inner.h * aspect, inner.w * 0.45);
      text_area.x = inner.x + image_area.w + pad;
      text_area.w = inner.w - image_area.w - pad;
    }
  if (a->image != NULL)
    draw_image (s, a->image, image_area);
  if (n > 0 && text_area.w > 0)
    draw_text (s, a->lines, n, text_area);
  g_string_append (s, "Q\n");
  return g_string_free_to_bytes (s);
}

char *
bs_appearance_build_resources (const BsAppearance *a, const char *image_ref)
{
  GString *s = g_string_new ("<<");

  if (a->image != NULL)
    g_string_append_printf (s, " /XObject << /Im1 %s >>", image_ref);
  if (count_lines (a->lines) > 0)
    g_string_append (s, " /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica"
                        " /Encoding /WinAnsiEncoding >> >>");
  g_string_append (s, " >>");
  return g_string_free (s, FALSE);
}
