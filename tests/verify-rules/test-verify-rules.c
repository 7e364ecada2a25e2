/* test-verify-rules.c — one in-process test per verification rule.
 *
 * make-rule-fixtures.py writes a small PDF per rule with an incremental
 * signer of its own (pdfupdate.py, openssl cms) and the verdict the rule
 * must give; each becomes a test named after its rule, so that a failure
 * says which rule broke ("/verify/rules/fieldmdp-include-changed").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bs-verify.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  char *name;
  char *verdict;
  char *text;     /* a change or problem must contain it, or NULL */
} Case;

static void
case_free (gpointer data)
{
  Case *c = data;

  g_free (c->name);
  g_free (c->verdict);
  g_free (c->text);
  g_free (c);
}

static char *fixtures;
static char *anchor;

static gboolean
report_mentions (const BsVerifyReport *report, const char *text)
{
  for (guint i = 0; i < report->signatures->len; i++)
    {
      const BsSignatureReport *r = g_ptr_array_index (report->signatures, i);
      for (guint j = 0; j < r->changes->len; j++)
        if (strstr (((BsChange *) g_ptr_array_index (r->changes, j))->description, text) != NULL)
          return TRUE;
      for (guint j = 0; j < r->problems->len; j++)
        if (strstr (g_ptr_array_index (r->problems, j), text) != NULL)
          return TRUE;
    }
  return FALSE;
}

static void
test_rule (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *path = g_strdup_printf ("%s/%s.pdf", fixtures, c->name);
  char *trust[] = { anchor, NULL };
  BsVerifyOptions options = { .trust_paths = trust };
  g_autoptr(GError) error = NULL;
  g_autoptr(BsVerifyReport) report = bs_verify_file (path, &options, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  if (g_strcmp0 (bs_verdict_name (report->verdict), c->verdict) != 0 || (c->text && !report_mentions (report, c->text)))
    {
      for (guint i = 0; i < report->signatures->len; i++)
        {
          BsSignatureReport *r = g_ptr_array_index (report->signatures, i);
          for (guint j = 0; j < r->changes->len; j++)
            g_test_message ("signature %u: %s change: %s", i + 1,
                            ((BsChange *) g_ptr_array_index (r->changes, j))->allowed ? "allowed" : "disallowed",
                            ((BsChange *) g_ptr_array_index (r->changes, j))->description);
          for (guint j = 0; j < r->problems->len; j++)
            g_test_message ("signature %u: problem: %s", i + 1, (char *) g_ptr_array_index (r->problems, j));
        }
    }
  g_assert_cmpstr (bs_verdict_name (report->verdict), ==, c->verdict);
  if (c->text != NULL)
    g_assert_true (report_mentions (report, c->text));
}

static void
make_fixtures (void)
{
  const char *source = g_getenv ("BESIGN_SOURCE_DIR");
  g_autofree char *script = g_build_filename (source ? source : ".", "tests", "verify-rules",
                                              "make-rule-fixtures.py", NULL);
  const char *argv[] = { "python3", script, fixtures, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("make-rule-fixtures.py failed: %s", error->message);
}

static void
add_cases (void)
{
  g_autofree char *list = g_build_filename (fixtures, "expected.txt", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (list, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (char **l = lines; *l != NULL; l++)
    {
      g_auto(GStrv) parts = g_strsplit (*l, " ", 3);
      Case *c;
      g_autofree char *test = NULL;

      if (g_strv_length (parts) < 2)
        continue;
      c = g_new0 (Case, 1);
      c->name = g_strdup (parts[0]);
      c->verdict = g_strdup (parts[1]);
      c->text = parts[2] && *parts[2] ? g_strdup (parts[2]) : NULL;
      test = g_strdup_printf ("/verify/rules/%s", c->name);
      g_test_add_data_func_full (test, c, test_rule, case_free);
    }
}

static void
remove_fixtures (void)
{
  g_autoptr(GDir) dir = g_dir_open (fixtures, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixtures, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixtures);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  fixtures = g_dir_make_tmp ("besign-rules-XXXXXX", NULL);
  g_assert_nonnull (fixtures);
  anchor = g_build_filename (fixtures, "root.pem", NULL);
  make_fixtures ();
  add_cases ();
  status = g_test_run ();
  remove_fixtures ();
  g_free (anchor);
  g_free (fixtures);
  return status;
}
