/* bs-change.c — a change after signing, and how a signature judges it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-revision-diff-private.h"

#include <glib/gi18n-lib.h>

void
bs_change_free (BsChange *change)
{
  if (change == NULL)
    return;
  g_free (change->description);
  g_free (change->field);
  g_free (change);
}

gboolean
bs_changes_allowed (GPtrArray *changes)
{
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    if (!((BsChange *) g_ptr_array_index (changes, i))->allowed)
      return FALSE;
  return TRUE;
}

static gboolean
kind_permitted (int level, BsChangeKind kind)
{
  switch (kind)
    {
    case BS_CHANGE_ALWAYS: return TRUE;
    case BS_CHANGE_SIGNING:
    case BS_CHANGE_FORM_FILL: return level >= 2;
    case BS_CHANGE_ANNOTATION: return level >= 3;
    case BS_CHANGE_FORBIDDEN:
    default: return FALSE;
    }
}

/* An approval signature (no certification) allows what P=2 does, as
 * Acrobat, pyHanko and DSS read it: form filling and further signatures;
 * a field lock's PDF 2.0 /P can only narrow that. */
int
diff_permission_level (int docmdp, const BsFieldLocks *locks)
{
  int level = docmdp > 0 ? docmdp : 2;
  int lock = bs_field_locks_permission (locks);

  return lock > 0 ? MIN (level, lock) : level;
}

BsChange *
bs_change_judge (const BsChange *change, int docmdp, const BsFieldLocks *locks)
{
  BsChange *c = g_new0 (BsChange, 1);
  /* ISO 32000-2 12.8.2.4: FieldMDP — any change to a locked field. */
  gboolean locked = change->kind != BS_CHANGE_ALWAYS && bs_field_locks_cover (locks, change->field);

  *c = *change;
  c->field = g_strdup (change->field);
  c->description = locked ? g_strdup_printf (_("The field “%s”, locked by this signature, changed: %s"),
                                             change->field, change->description)
                          : g_strdup (change->description);
  c->allowed = kind_permitted (diff_permission_level (docmdp, locks), change->kind) && !locked;
  return c;
}

void
diff_change (Diff *d, BsChangeKind kind, const char *field, int page, guint object, const char *format, ...)
{
  BsChange raw = { .page = page, .object = object, .kind = kind, .field = (char *) field };
  va_list args;

  va_start (args, format);
  raw.description = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (d->changes, bs_change_judge (&raw, d->docmdp, d->locks));
  g_free (raw.description);
}
