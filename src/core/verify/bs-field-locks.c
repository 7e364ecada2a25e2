/* bs-field-locks.c — reading FieldMDP transforms and field locks, and
 * matching field names against them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-field-locks.h"

#include <string.h>

#define MAX_LOCKED_NAMES 10000
#define MAX_REFERENCES 64

typedef enum {
  LOCK_ALL,
  LOCK_INCLUDE,
  LOCK_EXCLUDE,
} LockAction;

typedef struct {
  LockAction  action;
  GStrv       names;   /* fully qualified field names */
} Lock;

struct _BsFieldLocks {
  GArray *locks;       /* Lock */
  int     permission;  /* /P of the field's /Lock, or 0 */
};

static void
lock_clear (Lock *lock)
{
  g_strfreev (lock->names);
}

static BsFieldLocks *
locks_new (void)
{
  BsFieldLocks *l = g_new0 (BsFieldLocks, 1);

  l->locks = g_array_new (FALSE, TRUE, sizeof (Lock));
  g_array_set_clear_func (l->locks, (GDestroyNotify) lock_clear);
  return l;
}

/* An /Action and /Fields pair; an unknown action locks everything, the
 * reading that can only make a signature stricter. */
static void
add_lock (BsFieldLocks *l, BsPdfDocument *doc, BsPdfObj dict)
{
  BsPdfObj fields = bs_pdf_obj_get (doc, dict, "/Fields");
  int n = MIN (bs_pdf_obj_len (doc, fields), MAX_LOCKED_NAMES);
  GPtrArray *names = g_ptr_array_new ();
  Lock lock = { LOCK_ALL, NULL };

  if (bs_pdf_obj_name_is (doc, bs_pdf_obj_get (doc, dict, "/Action"), "/Include"))
    lock.action = LOCK_INCLUDE;
  else if (bs_pdf_obj_name_is (doc, bs_pdf_obj_get (doc, dict, "/Action"), "/Exclude"))
    lock.action = LOCK_EXCLUDE;
  for (int i = 0; i < n; i++)
    {
      char *name = bs_pdf_obj_dup_text (doc, bs_pdf_obj_at (doc, fields, i));
      if (name != NULL)
        g_ptr_array_add (names, name);
    }
  g_ptr_array_add (names, NULL);
  lock.names = (GStrv) g_ptr_array_free (names, FALSE);
  g_array_append_val (l->locks, lock);
}

static void
read_references (BsFieldLocks *l, BsPdfDocument *doc, BsPdfObj sig)
{
  BsPdfObj refs = bs_pdf_obj_get (doc, sig, "/Reference");
  int n = MIN (bs_pdf_obj_len (doc, refs), MAX_REFERENCES);

  for (int i = 0; i < n; i++)
    {
      BsPdfObj ref = bs_pdf_obj_at (doc, refs, i);
      if (bs_pdf_obj_name_is (doc, bs_pdf_obj_get (doc, ref, "/TransformMethod"), "/FieldMDP"))
        add_lock (l, doc, bs_pdf_obj_get (doc, ref, "/TransformParams"));
    }
}

BsFieldLocks *
bs_field_locks_read (BsPdfDocument *doc, BsPdfObj field, BsPdfObj sig)
{
  g_autoptr(BsFieldLocks) l = locks_new ();
  BsPdfObj lock = bs_pdf_obj_get (doc, field, "/Lock");
  BsPdfObj p = bs_pdf_obj_get (doc, lock, "/P");

  read_references (l, doc, sig);
  if (bs_pdf_obj_type (doc, lock) == BS_PDF_DICT)
    {
      add_lock (l, doc, lock);
      if (bs_pdf_obj_type (doc, p) == BS_PDF_INT)
        l->permission = (int) CLAMP (bs_pdf_obj_int (doc, p), 1, 3);
    }
  if (l->locks->len == 0 && l->permission == 0)
    return NULL;
  return g_steal_pointer (&l);
}

BsFieldLocks *
bs_field_locks_copy (const BsFieldLocks *locks)
{
  BsFieldLocks *copy;

  if (locks == NULL)
    return NULL;
  copy = locks_new ();
  copy->permission = locks->permission;
  for (guint i = 0; i < locks->locks->len; i++)
    {
      const Lock *lock = &g_array_index (locks->locks, Lock, i);
      Lock dup = { lock->action, g_strdupv (lock->names) };
      g_array_append_val (copy->locks, dup);
    }
  return copy;
}

void
bs_field_locks_free (BsFieldLocks *locks)
{
  if (locks == NULL)
    return;
  g_array_unref (locks->locks);
  g_free (locks);
}

/* @name is @locked or one of its descendants. */
static gboolean
names_field (const char *locked, const char *name)
{
  gsize n = strlen (locked);

  return strncmp (name, locked, n) == 0 && (name[n] == '\0' || name[n] == '.');
}

static gboolean
listed (const Lock *lock, const char *name)
{
  for (char **l = lock->names; l != NULL && *l != NULL; l++)
    if (names_field (*l, name))
      return TRUE;
  return FALSE;
}

gboolean
bs_field_locks_cover (const BsFieldLocks *locks, const char *name)
{
  if (locks == NULL || name == NULL)
    return FALSE;
  for (guint i = 0; i < locks->locks->len; i++)
    {
      const Lock *lock = &g_array_index (locks->locks, Lock, i);
      if (lock->action == LOCK_ALL || (lock->action == LOCK_INCLUDE && listed (lock, name))
          || (lock->action == LOCK_EXCLUDE && !listed (lock, name)))
        return TRUE;
    }
  return FALSE;
}

int
bs_field_locks_permission (const BsFieldLocks *locks)
{
  return locks ? locks->permission : 0;
}
