/* test-output.c — safe result files: no overwrite, no partial file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bs-error.h"
#include "bs-output.h"

#include <glib/gstdio.h>

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("besign-output-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static char *
write_one (const char *dir, const char *name, const char *text)
{
  g_autoptr(GError) error = NULL;
  BsOutput *out = bs_output_new (dir, &error);
  char *path;

  g_assert_no_error (error);
  g_assert_true (bs_output_write (out, text, strlen (text), &error));
  path = bs_output_commit (out, name, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_never_overwrites (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *first = write_one (dir, "a_signed.pdf", "one");
  g_autofree char *second = write_one (dir, "a_signed.pdf", "two");
  g_autofree char *third = write_one (dir, "a_signed.pdf", "three");
  g_autofree char *contents = NULL;

  g_assert_true (g_str_has_suffix (first, "/a_signed.pdf"));
  g_assert_true (g_str_has_suffix (second, "/a_signed (2).pdf"));
  g_assert_true (g_str_has_suffix (third, "/a_signed (3).pdf"));
  g_assert_true (g_file_get_contents (first, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "one");
  g_assert_cmpuint (count_entries (dir), ==, 3);
  g_unlink (first);
  g_unlink (second);
  g_unlink (third);
  g_rmdir (dir);
}

static void
test_abort_leaves_nothing (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(GError) error = NULL;
  BsOutput *out = bs_output_new (dir, &error);

  g_assert_no_error (error);
  g_assert_true (bs_output_write (out, "partial", 7, &error));
  g_assert_cmpuint (count_entries (dir), ==, 1);
  bs_output_abort (out);
  g_assert_cmpuint (count_entries (dir), ==, 0);
  g_rmdir (dir);
}

static void
test_signed_name (void)
{
  g_autofree char *a = bs_output_signed_name ("/x/Surat Tugas.pdf");
  g_autofree char *b = bs_output_signed_name ("report.PDF");
  g_autofree char *c = bs_output_signed_name ("noext");

  g_assert_cmpstr (a, ==, "Surat Tugas_signed.pdf");
  g_assert_cmpstr (b, ==, "report_signed.pdf");
  g_assert_cmpstr (c, ==, "noext_signed.pdf");
}

static void
test_unwritable_folder (void)
{
  g_autoptr(GError) error = NULL;
  BsOutput *out = bs_output_new ("/proc/besign-cannot-exist", &error);

  g_assert_null (out);
  g_assert_error (error, BS_ERROR, BS_ERROR_IO);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/common/output/never-overwrites", test_never_overwrites);
  g_test_add_func ("/common/output/abort-leaves-nothing", test_abort_leaves_nothing);
  g_test_add_func ("/common/output/signed-name", test_signed_name);
  g_test_add_func ("/common/output/unwritable-folder", test_unwritable_folder);
  return g_test_run ();
}
