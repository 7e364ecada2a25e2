/* test-geometry.c — the page as displayed vs PDF user space.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bs-error.h"
#include "bs-pdf-geometry.h"

static BsPdfPage
make_page (int rotate)
{
  /* A4 portrait media box with a crop box offset from the origin. */
  BsPdfPage page = { 1, 0, { 0, 0, 595, 842 }, { 50, 60, 500, 700 }, rotate };
  return page;
}

static void
assert_box (const BsPdfBox *b, double x0, double y0, double x1, double y1)
{
  g_assert_cmpfloat_with_epsilon (b->x0, x0, 1e-9);
  g_assert_cmpfloat_with_epsilon (b->y0, y0, 1e-9);
  g_assert_cmpfloat_with_epsilon (b->x1, x1, 1e-9);
  g_assert_cmpfloat_with_epsilon (b->y1, y1, 1e-9);
}

static void
test_display_size (void)
{
  BsPdfPage p0 = make_page (0), p90 = make_page (90);
  double w, h;

  bs_pdf_page_display_size (&p0, &w, &h);
  g_assert_cmpfloat (w, ==, 450);
  g_assert_cmpfloat (h, ==, 640);
  bs_pdf_page_display_size (&p90, &w, &h);
  g_assert_cmpfloat (w, ==, 640);
  g_assert_cmpfloat (h, ==, 450);
}

static void
test_to_user (void)
{
  BsDisplayRect r = { 10, 20, 100, 30 };
  BsPdfBox b;
  BsPdfPage p;
  g_autoptr(GError) error = NULL;

  p = make_page (0);
  g_assert_true (bs_pdf_page_display_to_user (&p, &r, &b, &error));
  assert_box (&b, 60, 650, 160, 680);
  p = make_page (90);
  g_assert_true (bs_pdf_page_display_to_user (&p, &r, &b, &error));
  assert_box (&b, 70, 70, 100, 170);
  p = make_page (180);
  g_assert_true (bs_pdf_page_display_to_user (&p, &r, &b, &error));
  assert_box (&b, 390, 80, 490, 110);
  p = make_page (270);
  g_assert_true (bs_pdf_page_display_to_user (&p, &r, &b, &error));
  assert_box (&b, 450, 590, 480, 690);
  g_assert_no_error (error);
}

static void
test_off_page (void)
{
  BsPdfPage p = make_page (90);
  BsDisplayRect outside = { 600, 10, 100, 30 };
  BsDisplayRect empty = { 10, 10, 0, 30 };
  BsPdfBox b;
  g_autoptr(GError) error = NULL;

  g_assert_false (bs_pdf_page_display_to_user (&p, &outside, &b, &error));
  g_assert_error (error, BS_ERROR, BS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (bs_pdf_page_display_to_user (&p, &empty, &b, &error));
  g_assert_error (error, BS_ERROR, BS_ERROR_INVALID_ARGUMENT);
}

static void
test_upright_matrix (void)
{
  double m[6];
  BsPdfPage p = make_page (90);

  bs_pdf_page_upright_matrix (&p, m);
  g_assert_cmpfloat (m[0], ==, 0);
  g_assert_cmpfloat (m[1], ==, 1);
  g_assert_cmpfloat (m[2], ==, -1);
  g_assert_cmpfloat (m[3], ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdf/geometry/display-size", test_display_size);
  g_test_add_func ("/pdf/geometry/to-user-space", test_to_user);
  g_test_add_func ("/pdf/geometry/off-page", test_off_page);
  g_test_add_func ("/pdf/geometry/upright-matrix", test_upright_matrix);
  return g_test_run ();
}
