/* verify-fixtures.c — see verify-fixtures.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "verify-fixtures.h"
#include "bs-test-util.h"

#include <string.h>

/* Debian's python3 (python3-asn1crypto), not a pyenv one on PATH. */
#define PYTHON "/usr/bin/python3"

static char *
script (void)
{
  return g_build_filename (g_getenv ("BESIGN_SOURCE_DIR"), "tests", "core", "make-cms-fixtures.py", NULL);
}

char *
vf_make (const char * const *groups)
{
  char *dir = bs_test_mkdtemp ();
  g_autofree char *path = script ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *output = NULL;
  g_autofree char *command = NULL;
  int status;

  g_ptr_array_add (argv, PYTHON);
  g_ptr_array_add (argv, path);
  g_ptr_array_add (argv, dir);
  for (guint i = 0; groups != NULL && groups[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) groups[i]);
  g_ptr_array_add (argv, NULL);
  command = g_strjoinv (" ", (char **) argv->pdata);
  status = bs_test_run (dir, &output, "sh", "-c", command, NULL);
  if (status != 0)
    g_error ("make-cms-fixtures.py failed (%d):\n%s", status, output);
  return dir;
}

void
vf_remove (char *dir)
{
  bs_test_rm_rf (dir);
  g_free (dir);
}

BsVerifyReport *
vf_verify (const char *dir, const char *name)
{
  g_autofree char *root = g_build_filename (dir, "root.pem", NULL);
  g_autofree char *file = g_strdup_printf ("%s/%s.pdf", dir, name);
  char *paths[] = { root, NULL };
  BsVerifyOptions options = { .trust_paths = paths };
  g_autoptr(GError) error = NULL;
  BsVerifyReport *report = bs_verify_file (file, &options, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

const BsSignatureReport *
vf_signature (const BsVerifyReport *report, guint index)
{
  g_assert_cmpuint (report->signatures->len, >, index);
  return g_ptr_array_index (report->signatures, index);
}

static gboolean
has_problem (const BsSignatureReport *r, const char *problem)
{
  for (guint i = 0; i < r->problems->len; i++)
    if (strstr (g_ptr_array_index (r->problems, i), problem) != NULL)
      return TRUE;
  return FALSE;
}

static void
print_problems (const char *name, const BsSignatureReport *r)
{
  g_test_message ("%s: %s, %s / %s, %s %s", name, bs_verdict_name (r->verdict), bs_integrity_name (r->integrity),
                  bs_trust_name (r->trust), r->indication ? r->indication : "-",
                  r->sub_indication ? r->sub_indication : "-");
  for (guint i = 0; i < r->problems->len; i++)
    g_test_message ("  problem: %s", (char *) g_ptr_array_index (r->problems, i));
}

BsVerifyReport *
vf_expect (const char *dir, const char *name, guint index, BsVerdict verdict, BsIntegrity integrity,
           BsTrust trust, const char *sub_indication, const char *problem)
{
  BsVerifyReport *report = vf_verify (dir, name);
  const BsSignatureReport *r = vf_signature (report, index);

  print_problems (name, r);
  g_assert_cmpstr (bs_verdict_name (r->verdict), ==, bs_verdict_name (verdict));
  g_assert_cmpstr (bs_integrity_name (r->integrity), ==, bs_integrity_name (integrity));
  g_assert_cmpstr (bs_trust_name (r->trust), ==, bs_trust_name (trust));
  g_assert_cmpstr (r->sub_indication, ==, sub_indication);
  if (problem != NULL)
    g_assert_true (has_problem (r, problem));
  return report;
}

gboolean
vf_pdfsig_valid (const char *dir, const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s.pdf", name);
  g_autofree char *output = NULL;
  guint total = 0, valid = 0;
  g_auto(GStrv) lines = NULL;

  bs_test_run (dir, &output, "pdfsig", file, NULL);
  lines = g_strsplit (output ? output : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      total += strstr (lines[i], "Signature Validation:") != NULL;
      valid += strstr (lines[i], "Signature Validation: Signature is Valid") != NULL;
    }
  return total > 0 && valid == total;
}

static void
extract (const char *dir, const char *name)
{
  g_autofree char *path = script ();
  g_autofree char *file = g_strdup_printf ("%s.pdf", name);

  g_assert_cmpint (bs_test_run (dir, NULL, PYTHON, path, "--extract", file, ".", NULL), ==, 0);
}

gboolean
vf_openssl_cms_accepts (const char *dir, const char *name, gboolean cades)
{
  extract (dir, name);
  if (cades)
    return bs_test_run (dir, NULL, "openssl", "cms", "-verify", "-cades", "-binary", "-inform", "DER", "-in", "cms.der",
                        "-content", "content.bin", "-CAfile", "root.pem", "-purpose", "any", "-out", "/dev/null",
                        NULL) == 0;
  return bs_test_run (dir, NULL, "openssl", "cms", "-verify", "-noverify", "-binary", "-inform", "DER", "-in",
                      "cms.der", "-content", "content.bin", "-out", "/dev/null", NULL) == 0;
}

gboolean
vf_openssl_signature_verifies (const char *dir, const char *name, const char *cert, const char *md)
{
  g_autofree char *pem = g_strdup_printf ("%s.pem", cert);
  g_autofree char *option = md ? g_strdup_printf ("-%s", md) : NULL;

  extract (dir, name);
  if (md == NULL)
    return bs_test_run (dir, NULL, "openssl", "pkeyutl", "-verify", "-rawin", "-certin", "-inkey", pem,
                        "-in", "attrs.der", "-sigfile", "signature.der", NULL) == 0;
  return bs_test_run (dir, NULL, "sh", "-c", "openssl x509 -in \"$0\" -pubkey -noout > pub.pem && "
                      "openssl dgst \"$1\" -verify pub.pem -signature signature.der attrs.der", pem, option, NULL) == 0;
}
