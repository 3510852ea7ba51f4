// Runs before the page is drawn (not deferred): the menu collapses only when scripts run.
document.documentElement.classList.add("has-menu");
