/* bs-pdf-geometry.c — display ↔ user space for rotated and cropped pages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-pdf-geometry.h"
#include "bs-error.h"

#include <glib/gi18n-lib.h>

/* Tolerance for rectangles that touch the page edge after rounding. */
#define EDGE_EPSILON 0.01

void
bs_pdf_page_display_size (const BsPdfPage *page, double *width, double *height)
{
  double w = page->crop.x1 - page->crop.x0;
  double h = page->crop.y1 - page->crop.y0;
  gboolean quarter = page->rotate == 90 || page->rotate == 270;

  *width = quarter ? h : w;
  *height = quarter ? w : h;
}

/* /Rotate turns the page clockwise for display (ISO 32000-1 Table 30);
 * this undoes it for one point. */
static void
display_point_to_user (const BsPdfPage *page, double u, double v, double *x, double *y)
{
  const BsPdfBox *c = &page->crop;

  switch (page->rotate)
    {
    case 90:
      *x = c->x0 + v;
      *y = c->y0 + u;
      break;
    case 180:
      *x = c->x1 - u;
      *y = c->y0 + v;
      break;
    case 270:
      *x = c->x1 - v;
      *y = c->y1 - u;
      break;
    default:
      *x = c->x0 + u;
      *y = c->y1 - v;
      break;
    }
}

gboolean
bs_pdf_page_display_to_user (const BsPdfPage *page, const BsDisplayRect *rect,
                             BsPdfBox *user, GError **error)
{
  double w, h, ax, ay, bx, by;

  bs_pdf_page_display_size (page, &w, &h);
  if (!(rect->width > 0 && rect->height > 0))
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_INVALID_ARGUMENT,
                           _("The signature rectangle must have a positive width and height"));
      return FALSE;
    }
  if (rect->x < -EDGE_EPSILON || rect->y < -EDGE_EPSILON
      || rect->x + rect->width > w + EDGE_EPSILON || rect->y + rect->height > h + EDGE_EPSILON)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_INVALID_ARGUMENT,
                   _("The signature rectangle is outside the page (the page is %.0f × %.0f points)"),
                   w, h);
      return FALSE;
    }
  display_point_to_user (page, rect->x, rect->y, &ax, &ay);
  display_point_to_user (page, rect->x + rect->width, rect->y + rect->height, &bx, &by);
  user->x0 = MIN (ax, bx);
  user->y0 = MIN (ay, by);
  user->x1 = MAX (ax, bx);
  user->y1 = MAX (ay, by);
  return TRUE;
}

/* Inverse of display_point_to_user () for one point. */
static void
user_point_to_display (const BsPdfPage *page, double x, double y, double *u, double *v)
{
  const BsPdfBox *c = &page->crop;

  switch (page->rotate)
    {
    case 90:
      *u = y - c->y0;
      *v = x - c->x0;
      break;
    case 180:
      *u = c->x1 - x;
      *v = y - c->y0;
      break;
    case 270:
      *u = c->y1 - y;
      *v = c->x1 - x;
      break;
    default:
      *u = x - c->x0;
      *v = c->y1 - y;
      break;
    }
}

void
bs_pdf_page_user_to_display (const BsPdfPage *page, const BsPdfBox *user, BsDisplayRect *rect)
{
  double au, av, bu, bv;

  user_point_to_display (page, user->x0, user->y0, &au, &av);
  user_point_to_display (page, user->x1, user->y1, &bu, &bv);
  rect->x = MIN (au, bu);
  rect->y = MIN (av, bv);
  rect->width = ABS (bu - au);
  rect->height = ABS (bv - av);
}

void
bs_pdf_page_upright_matrix (const BsPdfPage *page, double m[6])
{
  /* Counter-clockwise by /Rotate degrees; ISO 32000-1 12.5.5 then fits
   * the rotated form box into the annotation rectangle. */
  static const double rotations[4][4] = {
    { 1, 0, 0, 1 }, { 0, 1, -1, 0 }, { -1, 0, 0, -1 }, { 0, -1, 1, 0 },
  };
  const double *r = rotations[(page->rotate / 90) % 4];

  m[0] = r[0]; m[1] = r[1]; m[2] = r[2]; m[3] = r[3];
  m[4] = 0; m[5] = 0;
}
