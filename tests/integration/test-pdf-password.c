/* test-pdf-password.c — password-protected PDFs (qpdf --encrypt, AES-256
 * and RC4-128 with a user password): besign-cli verify opens them with
 * --pdf-password-file, says so when the password is missing or wrong, and
 * local signing refuses them with a clear message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ds-harness.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  char *dir;
  char *pdf;        /* encrypted with the user password "buka-saja" */
  char *right;      /* files holding a password */
  char *wrong;
} Fixture;

static char *
write_in (const char *dir, const char *name, const char *text)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
set_up (Fixture *f, gconstpointer data)
{
  const char *bits = data;
  g_autofree char *sample = g_build_filename (g_getenv ("BESIGN_SOURCE_DIR"), "data", "demo", "sample.pdf", NULL);
  g_autofree char *output = NULL;

  f->dir = g_dir_make_tmp ("besign-pdfpw-XXXXXX", NULL);
  f->pdf = g_build_filename (f->dir, "rahasia.pdf", NULL);
  {
    /* Older protected files still use RC4: qpdf writes it only when told. */
    const char *argv[] = { "qpdf", "--allow-weak-crypto", "--encrypt", "buka-saja", "pemilik-saja", bits, "--",
                           sample, f->pdf, NULL };
    g_assert_cmpint (ds_run (argv, NULL, &output), ==, 0);
  }
  f->right = write_in (f->dir, "right.txt", "buka-saja\n");
  f->wrong = write_in (f->dir, "wrong.txt", "salah\n");
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->pdf);
  g_free (f->right);
  g_free (f->wrong);
}

static void
test_verify (Fixture *f, gconstpointer data)
{
  const char *none[] = { g_getenv ("BESIGN_CLI"), "verify", f->pdf, NULL };
  const char *right[] = { g_getenv ("BESIGN_CLI"), "verify", "--pdf-password-file", f->right, f->pdf, NULL };
  const char *wrong[] = { g_getenv ("BESIGN_CLI"), "verify", "--pdf-password-file", f->wrong, f->pdf, NULL };
  g_autofree char *o1 = NULL, *o2 = NULL, *o3 = NULL;

  /* Exit statuses are the verdicts: 5 ERROR, 4 UNSIGNED. */
  g_assert_cmpint (ds_run (none, NULL, &o1), ==, 5);
  g_assert_nonnull (strstr (o1, "password-protected"));
  g_assert_cmpint (ds_run (right, NULL, &o2), ==, 4);
  g_assert_nonnull (strstr (o2, "UNSIGNED"));
  g_assert_cmpint (ds_run (wrong, NULL, &o3), ==, 5);
  g_assert_nonnull (strstr (o3, "password of the PDF is wrong"));
}

static void
test_local_signing_refuses (Fixture *f, gconstpointer data)
{
  g_autofree char *p12 = g_build_filename (f->dir, "none.p12", NULL);
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  const char *argv[] = { g_getenv ("BESIGN_CLI"), "sign", "--p12", p12, "--pdf-password-file", f->right,
                         "--output-dir", out, f->pdf, NULL };
  g_autofree char *output = NULL;

  g_assert_cmpint (ds_run (argv, NULL, &output), ==, 2);
  g_assert_nonnull (strstr (output, "not supported yet"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/pdf-password/verify/aes-256", Fixture, "256", set_up, test_verify, tear_down);
  g_test_add ("/pdf-password/verify/rc4-128", Fixture, "128", set_up, test_verify, tear_down);
  g_test_add ("/pdf-password/local-signing-refuses", Fixture, "256", set_up, test_local_signing_refuses, tear_down);
  return g_test_run ();
}
