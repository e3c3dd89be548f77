#!/bin/sh
exec /srv/daemon
