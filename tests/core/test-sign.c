/* test-sign.c — signing checked by independent tools: pdfsig, qpdf,
 * openssl cms, and pixels rendered by pdftoppm.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bs-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  char *dir;
  char *path;   /* last result of in_dir() */
} Fixture;

/* @name inside the fixture's folder; valid until the next call. */
static const char *
in_dir (Fixture *f, const char *name)
{
  g_free (f->path);
  f->path = g_build_filename (f->dir, name, NULL);
  return f->path;
}

static void
setup (Fixture *f, gconstpointer data)
{
  f->dir = bs_test_mkdtemp ();
  bs_test_make_identities (f->dir);
  bs_test_make_pdf (f->dir, "doc.pdf", NULL);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  bs_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static int
sign (Fixture *f, char **output, const char *input, const char *out, const char *extra1,
      const char *extra2, const char *extra3, const char *extra4)
{
  return bs_test_run (f->dir, output, bs_test_cli (), "sign", "--p12", "signer.p12",
                      "--passphrase-file", "pass.txt", "-o", out, input,
                      extra1, extra2, extra3, extra4, NULL);
}

static void
assert_pdfsig_valid (Fixture *f, const char *file, int signatures)
{
  g_autofree char *out = NULL;
  g_autofree char *needle = g_strdup_printf ("Signature #%d:", signatures);
  const char *p;
  int valid = 0;

  bs_test_run (f->dir, &out, "pdfsig", file, NULL);
  for (p = out; (p = strstr (p, "Signature is Valid.")) != NULL; p++)
    valid++;
  g_assert_nonnull (strstr (out, needle));
  g_assert_cmpint (valid, ==, signatures);
  g_assert_nonnull (strstr (out, "Total document signed"));
}

static void
assert_qpdf_clean (Fixture *f, const char *file)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (bs_test_run (f->dir, &out, "qpdf", "--check", file, NULL), ==, 0);
  g_assert_null (strstr (out, "WARNING"));
}

static void
test_invisible (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (sign (f, &out, "doc.pdf", "signed.pdf", NULL, NULL, NULL, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "doc.pdf -> "));
  assert_pdfsig_valid (f, "signed.pdf", 1);
  assert_qpdf_clean (f, "signed.pdf");
  g_assert_cmpint (sign (f, NULL, "signed.pdf", "twice.pdf", NULL, NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (sign (f, NULL, "twice.pdf", "thrice.pdf", NULL, NULL, NULL, NULL), ==, 0);
  assert_pdfsig_valid (f, "thrice.pdf", 3);
  assert_qpdf_clean (f, "thrice.pdf");
}

/* openssl cms verifies the embedded CMS over exactly the ByteRange bytes. */
static void
test_openssl_accepts_cms (Fixture *f, gconstpointer data)
{
  static const char script[] =
    "python3 - <<'PY'\n"
    "import re\n"
    "d = open('signed.pdf','rb').read()\n"
    "a,b,c = map(int, re.findall(rb'/ByteRange \\[0 (\\d+) (\\d+) (\\d+)\\]', d)[-1])\n"
    "open('data.bin','wb').write(d[:a] + d[b:b+c])\n"
    "h = d[a+1:b-1].rstrip(b'0')\n"
    "h = h + b'0' * (len(h) % 2)\n"
    "open('sig.der','wb').write(bytes.fromhex(h.decode()))\n"
    "PY\n"
    "openssl asn1parse -inform DER -in sig.der > /dev/null\n"
    "openssl cms -verify -binary -inform DER -in sig.der -content data.bin -CAfile root.pem "
    "  -purpose any -out /dev/null\n";
  g_autofree char *out = NULL;

  g_assert_cmpint (sign (f, NULL, "doc.pdf", "signed.pdf", NULL, NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (bs_test_run (f->dir, &out, "sh", "-c", script, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Verification successful"));
}

static void
test_input_untouched (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "doc.pdf", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize len_before, len_after;
  GStatBuf st_before, st_after;

  g_assert_true (g_file_get_contents (path, &before, &len_before, NULL));
  g_assert_cmpint (g_stat (path, &st_before), ==, 0);
  g_usleep (10 * 1000);
  g_assert_cmpint (sign (f, NULL, "doc.pdf", "signed.pdf", NULL, NULL, NULL, NULL), ==, 0);
  g_assert_true (g_file_get_contents (path, &after, &len_after, NULL));
  g_assert_cmpint (g_stat (path, &st_after), ==, 0);
  g_assert_cmpmem (before, len_before, after, len_after);
  g_assert_cmpint (st_before.st_mtime, ==, st_after.st_mtime);
}

typedef struct {
  const char *name;
  int         rotate;
  gboolean    crop;
} Placement;

/* The specimen's pixels must be inside the box given in display
 * coordinates: at 72 dpi one point is one pixel of the rendered page. */
static void
test_visible_pixels (Fixture *f, gconstpointer data)
{
  const Placement *pl = data;
  g_autofree char *rotate = g_strdup_printf ("--rotate=+%d", pl->rotate);
  g_autofree char *out = NULL;
  int w, h;
  guint32 inside, outside;

  if (pl->crop)
    bs_test_make_pdf (f->dir, "base.pdf", "[/CropBox [40 50 540 800] /PAGE pdfmark");
  else
    bs_test_make_pdf (f->dir, "base.pdf", NULL);
  g_assert_cmpint (bs_test_run (f->dir, NULL, "qpdf", rotate, "base.pdf", "page.pdf", NULL), ==, 0);
  bs_test_make_png (in_dir (f, "red.png"), 200, 100, 0xff0000ff);
  g_assert_cmpint (bs_test_run (f->dir, &out, bs_test_cli (), "sign", "--p12", "signer.p12",
                                "--passphrase-file", "pass.txt", "-o", "visible.pdf",
                                "--page", "1", "--rect", "100,150,120,60", "--image", "red.png",
                                "page.pdf", NULL), ==, 0);
  assert_pdfsig_valid (f, "visible.pdf", 1);
  assert_qpdf_clean (f, "visible.pdf");
  g_assert_cmpint (bs_test_run (f->dir, NULL, "pdftoppm", "-cropbox", "-r", "72", "-png", "-singlefile",
                                "visible.pdf", "render", NULL), ==, 0);
  inside = bs_test_png_pixel (in_dir (f, "render.png"), 160, 180, &w, &h);
  outside = bs_test_png_pixel (in_dir (f, "render.png"), 60, 180, &w, &h);
  g_assert_cmphex (inside, ==, 0xff0000);
  g_assert_cmphex (outside, !=, 0xff0000);
  /* The rendered page has the displayed orientation. */
  if (pl->rotate == 90 || pl->rotate == 270)
    g_assert_cmpint (w, >, h);
  else
    g_assert_cmpint (w, <, h);
}

static void
assert_refused (Fixture *f, const char *what, int rc, const char *output)
{
  g_autofree char *out_dir = g_build_filename (f->dir, "out", NULL);

  if (rc == 0)
    g_error ("%s: expected a failure, got success: %s", what, output);
  g_assert_nonnull (strstr (output, "besign-cli: "));
  g_assert_cmpuint (bs_test_count_files (out_dir), ==, 0);
}

static int
sign_into_out (Fixture *f, char **output, const char *p12, const char *input,
               const char *e1, const char *e2, const char *e3, const char *e4)
{
  g_autofree char *out_dir = g_build_filename (f->dir, "out", NULL);

  g_mkdir_with_parents (out_dir, 0700);
  return bs_test_run (f->dir, output, bs_test_cli (), "sign", "--p12", p12, "--passphrase-file",
                      "pass.txt", "--output-dir", "out", input, e1, e2, e3, e4, NULL);
}

#define BREAK_STARTXREF(pdf) \
  "python3 -c \"import re;d=open('" pdf "','rb').read();" \
  "d=re.sub(rb'startxref\\s+\\d+', b'startxref\\n99', d);open('bad.pdf','wb').write(d)\""

/* A damaged file nobody signed is rebuilt first, as other signing
 * applications do; the input stays as it was. */
static void
test_damaged_rebuilt (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *bad = g_build_filename (f->dir, "bad.pdf", NULL);

  g_assert_cmpint (bs_test_run (f->dir, NULL, "sh", "-c", BREAK_STARTXREF ("doc.pdf"), NULL), ==, 0);
  g_file_get_contents (bad, &before, NULL, NULL);
  g_assert_cmpint (sign_into_out (f, &out, "signer.p12", "bad.pdf", NULL, NULL, NULL, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "rebuilt"));
  assert_pdfsig_valid (f, "out/bad_signed.pdf", 1);
  assert_qpdf_clean (f, "out/bad_signed.pdf");
  g_file_get_contents (bad, &after, NULL, NULL);
  g_assert_cmpstr (before, ==, after);
}

static void
test_bad_inputs (Fixture *f, gconstpointer data)
{
  static const struct { const char *name; const char *script; } inputs[] = {
    { "not a PDF", "echo 'hello' > bad.pdf" },
    { "empty file", ": > bad.pdf" },
    { "truncated", "head -c 600 doc.pdf > bad.pdf" },
    { "encrypted", "qpdf --encrypt user owner 256 -- doc.pdf bad.pdf" },
    { "encrypted, empty user password", "qpdf --encrypt '' owner 256 -- doc.pdf bad.pdf" },
    /* A rebuild would break the signature it has. */
    { "damaged xref, already signed", BREAK_STARTXREF ("signed.pdf") },
  };

  g_assert_cmpint (sign (f, NULL, "doc.pdf", "signed.pdf", NULL, NULL, NULL, NULL), ==, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *bad = g_build_filename (f->dir, "bad.pdf", NULL);
      int rc;

      g_assert_cmpint (bs_test_run (f->dir, NULL, "sh", "-c", inputs[i].script, NULL), ==, 0);
      g_file_get_contents (bad, &before, NULL, NULL);
      rc = sign_into_out (f, &out, "signer.p12", "bad.pdf", NULL, NULL, NULL, NULL);
      g_test_message ("%s: %s", inputs[i].name, out);
      assert_refused (f, inputs[i].name, rc, out);
      g_file_get_contents (bad, &after, NULL, NULL);
      g_assert_cmpstr (before, ==, after);
    }
}

static void
refuse (Fixture *f, const char *what, const char *p12, const char *e1, const char *e2,
        const char *e3, const char *e4)
{
  g_autofree char *out = NULL;
  int rc = sign_into_out (f, &out, p12, "doc.pdf", e1, e2, e3, e4);

  g_test_message ("%s: %s", what, out);
  assert_refused (f, what, rc, out);
}

static void
test_bad_requests (Fixture *f, gconstpointer data)
{
  refuse (f, "page out of range", "signer.p12", "--page", "7", "--rect", "10,10,50,20");
  refuse (f, "rectangle off the page", "signer.p12", "--rect", "500,800,300,100", NULL, NULL);
  g_assert_true (g_file_set_contents (in_dir (f, "broken.png"), "not an image", -1, NULL));
  refuse (f, "unreadable image", "signer.p12", "--image", "broken.png", NULL, NULL);
  refuse (f, "certificate without key", "nokey.p12", NULL, NULL, NULL, NULL);
  refuse (f, "expired certificate", "expired.p12", NULL, NULL, NULL, NULL);
  g_assert_true (g_file_set_contents (in_dir (f, "pass.txt"), "wrong\n", -1, NULL));
  refuse (f, "wrong password", "signer.p12", NULL, NULL, NULL, NULL);
}

/* A full disk (here: RLIMIT_FSIZE) leaves neither a partial nor a
 * temporary file behind. */
static void
test_full_disk (Fixture *f, gconstpointer data)
{
  g_autofree char *out_dir = g_build_filename (f->dir, "out", NULL);
  g_autofree char *out = NULL;
  int rc;

  g_mkdir_with_parents (out_dir, 0700);
  rc = bs_test_run_fsize_limited (f->dir, 4096, &out, bs_test_cli (), "sign", "--p12", "signer.p12",
                                  "--passphrase-file", "pass.txt", "--output-dir", "out", "doc.pdf", NULL);
  g_test_message ("%s", out);
  g_assert_cmpint (rc, !=, 0);
  g_assert_cmpuint (bs_test_count_files (out_dir), ==, 0);
}

static void
test_batch_continues (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *out_dir = g_build_filename (f->dir, "out", NULL);
  int rc;

  g_assert_true (g_file_set_contents (in_dir (f, "bad.pdf"), "nope", -1, NULL));
  rc = sign_into_out (f, &out, "signer.p12", "doc.pdf", "bad.pdf", "doc.pdf", NULL, NULL);
  g_assert_cmpint (rc, !=, 0);
  g_assert_nonnull (strstr (out, "Signed 2 of 3 documents"));
  g_assert_cmpuint (bs_test_count_files (out_dir), ==, 2);
  g_assert_true (g_file_test (in_dir (f, "out/doc_signed (2).pdf"), G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  static const Placement placements[] = {
    { "rotate-0", 0, FALSE }, { "rotate-90", 90, FALSE }, { "rotate-180", 180, FALSE },
    { "rotate-270", 270, FALSE }, { "cropbox", 0, TRUE }, { "rotate-90-cropbox", 90, TRUE },
  };

  g_test_init (&argc, &argv, NULL);
  g_test_add ("/pades/sign/invisible-three-times", Fixture, NULL, setup, test_invisible, teardown);
  g_test_add ("/pades/sign/openssl-accepts-cms", Fixture, NULL, setup, test_openssl_accepts_cms, teardown);
  g_test_add ("/pades/sign/input-untouched", Fixture, NULL, setup, test_input_untouched, teardown);
  for (gsize i = 0; i < G_N_ELEMENTS (placements); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pades/sign/visible-pixels/%s", placements[i].name);
      g_test_add (path, Fixture, &placements[i], setup, test_visible_pixels, teardown);
    }
  g_test_add ("/pades/sign/bad-inputs", Fixture, NULL, setup, test_bad_inputs, teardown);
  g_test_add ("/pades/sign/damaged-rebuilt", Fixture, NULL, setup, test_damaged_rebuilt, teardown);
  g_test_add ("/pades/sign/bad-requests", Fixture, NULL, setup, test_bad_requests, teardown);
  g_test_add ("/pades/sign/full-disk", Fixture, NULL, setup, test_full_disk, teardown);
  g_test_add ("/pades/sign/batch-continues-after-failure", Fixture, NULL, setup, test_batch_continues, teardown);
  return g_test_run ();
}
