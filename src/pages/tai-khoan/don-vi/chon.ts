import type { APIRoute } from 'astro';

export const prerender = false;

/** The unit picker's GET form lands here and is sent to the unit's page (access is checked there). */
export const GET: APIRoute = ({ url, redirect }) => {
  const unitId = url.searchParams.get('don-vi') ?? '';
  if (!/^[a-z0-9-]{1,100}$/.test(unitId)) return redirect('/tai-khoan/don-vi/', 303);
  return redirect(`/tai-khoan/don-vi/${unitId}/`, 303);
};
