/* bs-platform.c — operating-system specifics behind bs-platform.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-platform.h"
#include "bs-error.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#ifdef G_OS_WIN32
#include <io.h>
#include <windows.h>
#else
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#endif
#ifdef __linux__
#include <sys/prctl.h>
#endif
#ifdef G_OS_UNIX
#include <glib-unix.h>
#endif

#ifndef O_BINARY
#define O_BINARY 0
#endif
#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif
#ifndef O_NOCTTY
#define O_NOCTTY 0
#endif
#ifndef O_NONBLOCK
#define O_NONBLOCK 0
#endif

/* The temporary files of bs_platform_create_temp(): a fixed prefix and
 * suffix around mkstemp's six characters. */
#define TEMP_PREFIX ".besign-"
#define TEMP_SUFFIX ".part"
#define TEMP_RANDOM 6
/* Attempts at a temporary that a concurrent clean-up did not take. */
#define TEMP_ATTEMPTS 100

void
bs_platform_forbid_core_dumps (void)
{
#ifndef G_OS_WIN32
  /* A core file would hold whatever secret is in memory at the crash
   * (passphrase, tokens, an unlocked private key). */
  struct rlimit none = { 0, 0 };

  setrlimit (RLIMIT_CORE, &none);
#endif
#ifdef __linux__
  /* Also covers a core_pattern pipe (which ignores RLIMIT_CORE) and keeps
   * other processes of the same user from attaching with ptrace or
   * reading /proc/PID/mem. */
  prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

void
bs_platform_init_process (void)
{
#ifdef SIGXFSZ
  signal (SIGXFSZ, SIG_IGN);
#endif
  bs_platform_forbid_core_dumps ();
}

gboolean
bs_platform_stdin_is_tty (void)
{
#ifdef G_OS_WIN32
  return _isatty (_fileno (stdin));
#else
  return isatty (STDIN_FILENO);
#endif
}

gboolean
bs_platform_read_password (const char *prompt, char *buf, gsize size, GError **error)
{
#ifdef G_OS_WIN32
  HANDLE in = GetStdHandle (STD_INPUT_HANDLE);
  DWORD mode = 0;
  gboolean ok;

  if (!_isatty (_fileno (stdin)) || !GetConsoleMode (in, &mode))
    goto no_tty;
  fputs (prompt, stderr);
  SetConsoleMode (in, mode & ~ENABLE_ECHO_INPUT);
  ok = fgets (buf, (int) size, stdin) != NULL;
  SetConsoleMode (in, mode);
#else
  struct termios old, quiet;
  FILE *tty = fopen ("/dev/tty", "r+");
  gboolean ok;

  if (tty == NULL || tcgetattr (fileno (tty), &old) != 0)
    {
      if (tty != NULL)
        fclose (tty);
      goto no_tty;
    }
  quiet = old;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  fputs (prompt, tty);
  fflush (tty);
  tcsetattr (fileno (tty), TCSAFLUSH, &quiet);
  ok = fgets (buf, (int) size, tty) != NULL;
  tcsetattr (fileno (tty), TCSAFLUSH, &old);
  fputs ("\n", tty);
  fclose (tty);
#endif
  if (!ok)
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_IO, _("No secret was entered"));
      return FALSE;
    }
  return TRUE;

no_tty:
  g_set_error_literal (error, BS_ERROR, BS_ERROR_INVALID_ARGUMENT,
                       _("A secret is needed but there is no terminal to ask for it"));
  return FALSE;
}

static void
set_errno_error (GError **error, int saved_errno, const char *what, const char *path)
{
  BsError code = (saved_errno == ENOSPC || saved_errno == EFBIG
#ifdef EDQUOT
                  || saved_errno == EDQUOT
#endif
                  ) ? BS_ERROR_NO_SPACE : BS_ERROR_IO;

  if (path != NULL)
    g_set_error (error, BS_ERROR, code, "%s %s: %s", what, path, g_strerror (saved_errno));
  else
    g_set_error (error, BS_ERROR, code, "%s: %s", what, g_strerror (saved_errno));
}

#ifndef G_OS_WIN32
static gboolean
names_same_file (int fd, const char *path)
{
  struct stat by_fd, by_name;

  return fstat (fd, &by_fd) == 0 && lstat (path, &by_name) == 0
         && by_fd.st_dev == by_name.st_dev && by_fd.st_ino == by_name.st_ino;
}
#endif

/* A live temporary holds an exclusive flock() for as long as it is open:
 * that is how a clean-up tells it from the leftover of a killed run. The
 * lock is taken after mkstemp(), so a clean-up may have seen the file
 * unlocked in between: then either it holds the lock now, or it removed
 * the name, and this file is given up for a new one. */
static gboolean
mark_live (int fd, const char *path)
{
#ifdef G_OS_WIN32
  /* An open file cannot be deleted there: being open marks it live. */
  return TRUE;
#else
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    /* No locks on this filesystem: the clean-up cannot lock either, and
     * so never removes anything here. */
    return errno != EWOULDBLOCK && errno != EAGAIN && errno != EINTR;
  return names_same_file (fd, path);
#endif
}

int
bs_platform_create_temp (const char *dir, char **path_out, GError **error)
{
  for (int attempt = 0; attempt < TEMP_ATTEMPTS; attempt++)
    {
      g_autofree char *tmpl = g_build_filename (dir, TEMP_PREFIX "XXXXXX" TEMP_SUFFIX, NULL);
      int fd = g_mkstemp_full (tmpl, O_RDWR | O_BINARY | O_CLOEXEC, 0600);

      if (fd < 0)
        {
          set_errno_error (error, errno, _("Cannot create a file in"), dir);
          return -1;
        }
      if (mark_live (fd, tmpl))
        {
          *path_out = g_steal_pointer (&tmpl);
          return fd;
        }
      bs_platform_close (fd);
    }
  g_set_error (error, BS_ERROR, BS_ERROR_IO, _("Cannot create a file in %s"), dir);
  return -1;
}

static gboolean
is_temp_name (const char *name)
{
  gsize prefix = strlen (TEMP_PREFIX), suffix = strlen (TEMP_SUFFIX);

  if (strlen (name) != prefix + TEMP_RANDOM + suffix || !g_str_has_prefix (name, TEMP_PREFIX)
      || !g_str_has_suffix (name, TEMP_SUFFIX))
    return FALSE;
  for (gsize i = prefix; i < prefix + TEMP_RANDOM; i++)
    if (!g_ascii_isalnum (name[i]))
      return FALSE;
  return TRUE;
}

/* Removes @path when it is a stale temporary: a regular file (not a link)
 * of this user that no process holds locked. */
static gboolean
remove_if_stale (const char *path)
{
#ifdef G_OS_WIN32
  return g_unlink (path) == 0;
#else
  struct stat st;
  gboolean removed;
  int fd = open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

  if (fd < 0)
    return FALSE;
  /* Checking the name again once locked: it must still be this file,
   * not one put in its place meanwhile. */
  removed = fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == geteuid ()
            && flock (fd, LOCK_EX | LOCK_NB) == 0 && names_same_file (fd, path)
            && unlink (path) == 0;
  close (fd);
  return removed;
#endif
}

guint
bs_platform_remove_stale_temps (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint removed = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (is_temp_name (name))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        removed += remove_if_stale (path);
      }
  return removed;
}

gboolean
bs_platform_write_all (int fd, const void *data, gsize len, GError **error)
{
  const guint8 *p = data;

  while (len > 0)
    {
#ifdef G_OS_WIN32
      int n = _write (fd, p, (unsigned) MIN (len, G_MAXINT32));
#else
      ssize_t n = write (fd, p, len);
#endif
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          set_errno_error (error, n < 0 ? errno : ENOSPC, _("Cannot write the output file"), NULL);
          return FALSE;
        }
      p += n;
      len -= (gsize) n;
    }
  return TRUE;
}

gssize
bs_platform_read (int fd, void *buf, gsize len, GError **error)
{
  for (;;)
    {
#ifdef G_OS_WIN32
      int n = _read (fd, buf, (unsigned) MIN (len, G_MAXINT32));
#else
      ssize_t n = read (fd, buf, len);
#endif
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        set_errno_error (error, errno, _("Cannot read the file"), NULL);
      return n;
    }
}

gssize
bs_platform_pread (int fd, void *buf, gsize len, guint64 offset, GError **error)
{
  for (;;)
    {
#ifdef G_OS_WIN32
      int n = -1;
      if (_lseeki64 (fd, (__int64) offset, SEEK_SET) >= 0)
        n = _read (fd, buf, (unsigned) MIN (len, G_MAXINT32));
#else
      ssize_t n = pread (fd, buf, len, (off_t) offset);
#endif
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        set_errno_error (error, errno, _("Cannot read the file"), NULL);
      return n;
    }
}

gboolean
bs_platform_pwrite_all (int fd, const void *data, gsize len, guint64 offset, GError **error)
{
  const guint8 *p = data;

  while (len > 0)
    {
#ifdef G_OS_WIN32
      int n = -1;
      if (_lseeki64 (fd, (__int64) offset, SEEK_SET) >= 0)
        n = _write (fd, p, (unsigned) MIN (len, G_MAXINT32));
#else
      ssize_t n = pwrite (fd, p, len, (off_t) offset);
#endif
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          set_errno_error (error, n < 0 ? errno : ENOSPC, _("Cannot write the output file"), NULL);
          return FALSE;
        }
      p += n;
      len -= (gsize) n;
      offset += (guint64) n;
    }
  return TRUE;
}

gboolean
bs_platform_sync (int fd, GError **error)
{
#ifdef G_OS_WIN32
  int rc = _commit (fd);
#else
  int rc = fsync (fd);
#endif

  if (rc != 0)
    {
      set_errno_error (error, errno, _("Cannot save the output file"), NULL);
      return FALSE;
    }
  return TRUE;
}

void
bs_platform_close (int fd)
{
  if (fd >= 0)
    g_close (fd, NULL);
}

static gboolean
is_regular (int fd, gboolean *regular)
{
  GStatBuf st;

#ifdef G_OS_WIN32
  if (_fstat64 (fd, (struct _stat64 *) &st) != 0)
#else
  if (fstat (fd, &st) != 0)
#endif
    return FALSE;
  *regular = (st.st_mode & S_IFMT) == S_IFREG;
  return TRUE;
}

int
bs_platform_open_read (const char *path, GError **error)
{
  /* O_NONBLOCK: opening a FIFO for reading would wait for a writer; the
   * type is known only once it is open, and then it is refused. */
  int fd = g_open (path, O_RDONLY | O_BINARY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  gboolean regular = FALSE;

  if (fd < 0)
    {
      set_errno_error (error, errno, _("Cannot open"), path);
      return -1;
    }
  if (!is_regular (fd, &regular))
    {
      set_errno_error (error, errno, _("Cannot open"), path);
      bs_platform_close (fd);
      return -1;
    }
  if (!regular)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_IO, _("Cannot open %s: it is not a regular file"), path);
      bs_platform_close (fd);
      return -1;
    }
#ifndef G_OS_WIN32
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
#endif
  return fd;
}

char *
bs_platform_fd_path (int fd, const char *path)
{
#ifdef G_OS_WIN32
  /* A file open here cannot be renamed over or deleted by others. */
  return g_strdup (path);
#else
  /* Linux reopens the open file itself, whatever its name now is; macOS
   * and the BSDs duplicate the descriptor. */
  if (g_file_test ("/proc/self/fd", G_FILE_TEST_IS_DIR))
    return g_strdup_printf ("/proc/self/fd/%d", fd);
  return g_strdup_printf ("/dev/fd/%d", fd);
#endif
}

gboolean
bs_platform_file_stamp (int fd, BsFileStamp *stamp, GError **error)
{
#ifdef G_OS_WIN32
  struct _stat64 st;

  if (_fstat64 (fd, &st) != 0)
    {
      set_errno_error (error, errno, _("Cannot read the file"), NULL);
      return FALSE;
    }
  *stamp = (BsFileStamp) { (guint64) st.st_size, (gint64) st.st_mtime * G_GINT64_CONSTANT (1000000000) };
#else
  struct stat st;

  if (fstat (fd, &st) != 0)
    {
      set_errno_error (error, errno, _("Cannot read the file"), NULL);
      return FALSE;
    }
#ifdef __APPLE__
  *stamp = (BsFileStamp) { (guint64) st.st_size,
                           (gint64) st.st_mtimespec.tv_sec * 1000000000 + st.st_mtimespec.tv_nsec };
#else
  *stamp = (BsFileStamp) { (guint64) st.st_size,
                           (gint64) st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec };
#endif
#endif
  return TRUE;
}

gboolean
bs_platform_file_size (int fd, guint64 *size, GError **error)
{
  GStatBuf st;

#ifdef G_OS_WIN32
  if (_fstat64 (fd, (struct _stat64 *) &st) != 0)
#else
  if (fstat (fd, &st) != 0)
#endif
    {
      set_errno_error (error, errno, _("Cannot read the file"), NULL);
      return FALSE;
    }
  *size = (guint64) st.st_size;
  return TRUE;
}

gboolean
bs_platform_rename_noreplace (const char *from, const char *to, int *open_fd, GError **error)
{
#ifdef G_OS_WIN32
  g_autofree gunichar2 *wfrom = g_utf8_to_utf16 (from, -1, NULL, NULL, NULL);
  g_autofree gunichar2 *wto = g_utf8_to_utf16 (to, -1, NULL, NULL, NULL);

  /* Windows renames no open file. */
  if (open_fd != NULL)
    {
      bs_platform_close (*open_fd);
      *open_fd = -1;
    }
  if (MoveFileExW (wfrom, wto, MOVEFILE_WRITE_THROUGH))
    return TRUE;
  if (GetLastError () == ERROR_ALREADY_EXISTS || GetLastError () == ERROR_FILE_EXISTS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "%s", to);
      return FALSE;
    }
  g_set_error (error, BS_ERROR, BS_ERROR_IO, _("Cannot save %s"), to);
  return FALSE;
#else
  /* link() fails with EEXIST instead of replacing, which rename() would do;
   * the temporary name is then dropped. */
  if (link (from, to) == 0)
    {
      g_unlink (from);
      return TRUE;
    }
  if (errno == EEXIST)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "%s", to);
      return FALSE;
    }
  /* Filesystems without hard links (FAT, some network shares). */
  if ((errno == EPERM || errno == ENOTSUP || errno == ENOSYS)
      && !g_file_test (to, G_FILE_TEST_EXISTS) && g_rename (from, to) == 0)
    return TRUE;
  set_errno_error (error, errno, _("Cannot save"), to);
  return FALSE;
#endif
}

const char *
bs_platform_home_dir (void)
{
  return g_get_home_dir ();
}

/* ---- interruption --------------------------------------------------------- */

struct _BsSignalWatch {
  GCancellable *cancellable;
  int           caught;      /* atomic: the first signal, or 0 */
#ifdef G_OS_UNIX
  GMainContext *context;
  GThread      *thread;
  int           stopping;    /* atomic */
  GSource      *sources[3];
#endif
};

#ifdef G_OS_UNIX
static const int watched_signals[] = { SIGINT, SIGTERM, SIGHUP };

typedef struct {
  BsSignalWatch *watch;
  int            signum;
} SignalCall;

/* The first signal cancels; the watch then lets go of every signal, so a
 * second one takes its default action (a second Ctrl-C ends the process at
 * once, its temporaries left to the next run's clean-up). */
static gboolean
on_signal (gpointer data)
{
  SignalCall *call = data;
  BsSignalWatch *w = call->watch;

  g_atomic_int_compare_and_exchange (&w->caught, 0, call->signum);
  g_cancellable_cancel (w->cancellable);
  for (gsize i = 0; i < G_N_ELEMENTS (w->sources); i++)
    if (w->sources[i] != NULL && w->sources[i] != g_main_current_source ())
      g_source_destroy (w->sources[i]);
  return G_SOURCE_REMOVE;
}

static gpointer
run_watch (gpointer data)
{
  BsSignalWatch *w = data;

  g_main_context_push_thread_default (w->context);
  while (!g_atomic_int_get (&w->stopping))
    g_main_context_iteration (w->context, TRUE);
  g_main_context_pop_thread_default (w->context);
  return NULL;
}
#elif defined(G_OS_WIN32)
static BsSignalWatch *console_watch;

static BOOL WINAPI
on_console_event (DWORD event)
{
  BsSignalWatch *w = console_watch;

  if (w == NULL || !g_atomic_int_compare_and_exchange (&w->caught, 0, event == CTRL_C_EVENT ? SIGINT : SIGTERM))
    return FALSE;   /* the second one: default handling, the process ends */
  g_cancellable_cancel (w->cancellable);
  return TRUE;
}
#endif

BsSignalWatch *
bs_platform_watch_signals (GCancellable *cancellable)
{
  BsSignalWatch *w = g_new0 (BsSignalWatch, 1);

  w->cancellable = g_object_ref (cancellable);
#ifdef G_OS_UNIX
  w->context = g_main_context_new ();
  for (gsize i = 0; i < G_N_ELEMENTS (watched_signals); i++)
    {
      SignalCall *call = g_new (SignalCall, 1);

      *call = (SignalCall) { w, watched_signals[i] };
      w->sources[i] = g_unix_signal_source_new (watched_signals[i]);
      g_source_set_callback (w->sources[i], on_signal, call, g_free);
      g_source_attach (w->sources[i], w->context);
    }
  w->thread = g_thread_new ("besign-signals", run_watch, w);
#elif defined(G_OS_WIN32)
  console_watch = w;
  SetConsoleCtrlHandler (on_console_event, TRUE);
#endif
  return w;
}

int
bs_signal_watch_get_signal (BsSignalWatch *w)
{
  return g_atomic_int_get (&w->caught);
}

void
bs_signal_watch_free (BsSignalWatch *w)
{
  if (w == NULL)
    return;
#ifdef G_OS_UNIX
  g_atomic_int_set (&w->stopping, TRUE);
  g_main_context_wakeup (w->context);
  g_thread_join (w->thread);
  /* Destroying the last source of a signal restores its default action. */
  for (gsize i = 0; i < G_N_ELEMENTS (w->sources); i++)
    {
      g_source_destroy (w->sources[i]);
      g_source_unref (w->sources[i]);
    }
  g_main_context_unref (w->context);
#elif defined(G_OS_WIN32)
  SetConsoleCtrlHandler (on_console_event, FALSE);
  console_watch = NULL;
#endif
  g_object_unref (w->cancellable);
  g_free (w);
}
