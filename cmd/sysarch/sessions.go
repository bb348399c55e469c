package main

import (
	"errors"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/sysarch/sysarch/agent/chat"
	"github.com/sysarch/sysarch/agent/session"
)

func newSessionsCmd(ios *IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sessions",
		Short: "List the chat sessions (show ID, rm ID)",
		Long: `List the chat sessions kept under $XDG_STATE_HOME/sysarch/sessions, the most
recently updated first. 'sysarch chat --resume ID' continues one; an id may
be shortened to any prefix that names one session.`,
		Args: subcommandArgs,
		RunE: func(*cobra.Command, []string) error { return sessionsList(ios) },
	}
	cmd.AddCommand(
		&cobra.Command{
			Use:   "show ID",
			Short: "Print a session's conversation",
			Args:  exactArgs(1, "sessions show needs a session id; 'sysarch sessions' lists them"),
			RunE:  func(_ *cobra.Command, args []string) error { return sessionsShow(ios, args[0]) },
		},
		newSessionsRmCmd(ios),
	)
	return cmd
}

// minRemovePrefix is the shortest id prefix rm accepts without --yes: the
// date alone ("2026") names every session of a year.
const minRemovePrefix = 8

func newSessionsRmCmd(ios *IOStreams) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:     "rm ID",
		Aliases: []string{"remove"},
		Short:   "Delete a session",
		Long: `Delete a session. The id must name one session and be at least 8
characters long (the first 8 are the date it started), or --yes must be
given; a session open in a chat is never deleted.`,
		Args: exactArgs(1, "sessions rm needs a session id; 'sysarch sessions' lists them"),
		RunE: func(_ *cobra.Command, args []string) error { return sessionsRemove(ios, args[0], yes) },
	}
	cmd.Flags().BoolVar(&yes, "yes", false, "accept an id shorter than 8 characters")
	return cmd
}

func exactArgs(n int, msg string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != n {
			return usageErrorf("%s", msg)
		}
		return nil
	}
}

func sessionsList(ios *IOStreams) error {
	store, err := openSessionStore(ios)
	if err != nil {
		return err
	}
	list, err := store.List()
	if err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintln(ios.ErrOut, "no sessions yet; 'sysarch chat' starts one")
		return nil
	}
	tw := tabwriter.NewWriter(ios.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTITLE\tPHASE\tUPDATED")
	for _, s := range list {
		title, ph := s.Title, s.Phase
		if title == "" {
			title = "(untitled)"
		}
		if ph == "" {
			ph = "functional"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", s.ID, title, ph, s.Updated.Local().Format(time.DateTime))
	}
	return tw.Flush()
}

func sessionsShow(ios *IOStreams, id string) error {
	store, err := openSessionStore(ios)
	if err != nil {
		return err
	}
	sess, err := store.Load(id)
	if err != nil {
		return usageError(err)
	}
	for _, w := range sess.Warnings {
		fmt.Fprintf(ios.ErrOut, "warning: session %s: %s\n", sess.ID, w)
	}
	chat.WriteTranscript(ios.Out, sess.Events, ios.ColorEnabled(), ios.TerminalWidth())
	return nil
}

func sessionsRemove(ios *IOStreams, id string, yes bool) error {
	store, err := openSessionStore(ios)
	if err != nil {
		return err
	}
	full, err := store.Resolve(id)
	if err != nil {
		return usageError(err)
	}
	if len(id) < minRemovePrefix && !yes {
		return usageErrorf("%q is a short prefix of %s; give at least %d characters of the id, or add --yes", id, full, minRemovePrefix)
	}
	if err := store.Remove(full); err != nil {
		return sessionError(err)
	}
	fmt.Fprintf(ios.ErrOut, "removed session %s\n", full)
	return nil
}

// sessionError marks the session errors that are the person's to fix (a
// wrong id, a session open in another chat) as usage errors: exit 2.
func sessionError(err error) error {
	if errors.As(err, new(*session.OpenElsewhereError)) || errors.As(err, new(*session.NotFoundError)) || errors.Is(err, session.ErrNoSession) {
		return usageError(err)
	}
	return err
}
