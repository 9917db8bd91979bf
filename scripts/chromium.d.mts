export function findChromium(): { path: string | undefined; origin: string } | null;
